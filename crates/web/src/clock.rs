//! Wall-clock time for the engine: the browser's clock, optionally sped up.

use cluster::Time;

/// The browser's current time in milliseconds since the epoch.
pub fn wall_now() -> Time {
    Time(js_sys::Date::now() as i64)
}

/// Maps wall time to virtual time, with a speed factor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    wall0: Time,
    virt0: Time,
    speed: f64,
}

impl Clock {
    /// A clock where virtual time equals wall time from `start` on.
    pub fn new(start: Time) -> Clock {
        Clock {
            wall0: wall_now(),
            virt0: start,
            speed: 1.0,
        }
    }

    /// The virtual time now.
    pub fn now(&self) -> Time {
        let elapsed = wall_now().since(self.wall0) as f64 * self.speed;
        self.virt0.plus(elapsed as i64)
    }

    /// Changes the speed from now on.
    pub fn set_speed(&mut self, speed: f64) {
        let now = self.now();
        self.virt0 = now;
        self.wall0 = wall_now();
        self.speed = speed;
    }

    /// The speed factor.
    pub fn speed(&self) -> f64 {
        self.speed
    }
}
