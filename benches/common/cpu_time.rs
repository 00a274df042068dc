//! Criterion measuring the bench thread's CPU time instead of wall time, on
//! 64-bit Linux (wall time elsewhere): on a shared machine a wall-time
//! bench measures the waits for a core too.

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub use criterion::measurement::WallTime as Clock;
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
#[allow(unused_imports)] // each bench binary uses part of `common`
pub use thread::{clock, ThreadCpuTime as Clock};

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub fn clock() -> Clock {
    Clock
}

/// Criterion measuring this thread's CPU time, by
/// `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`: the time the thread ran, not the
/// time it waited for a core.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod thread {
    use std::time::Duration;

    use criterion::measurement::{Measurement, ValueFormatter, WallTime};

    /// `struct timespec` on 64-bit Linux.
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }

    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }

    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

    fn now() -> Duration {
        let mut time = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `clock_gettime` writes one `struct timespec` through the
        // pointer, which points to a live `Timespec` of that layout.
        let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) };
        assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        Duration::new(time.tv_sec as u64, time.tv_nsec as u32)
    }

    /// Values are `Duration`s, shown as criterion shows wall time.
    pub struct ThreadCpuTime(WallTime);

    pub fn clock() -> ThreadCpuTime {
        ThreadCpuTime(WallTime)
    }

    impl Measurement for ThreadCpuTime {
        type Intermediate = Duration;
        type Value = Duration;

        fn start(&self) -> Duration {
            now()
        }
        fn end(&self, start: Duration) -> Duration {
            now().saturating_sub(start)
        }
        fn add(&self, a: &Duration, b: &Duration) -> Duration {
            *a + *b
        }
        fn zero(&self) -> Duration {
            Duration::ZERO
        }
        fn to_f64(&self, value: &Duration) -> f64 {
            value.as_nanos() as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            self.0.formatter()
        }
    }
}
