//! The process-wide pixel budget ([`Limits::max_pixels_in_flight`]): decodes on several
//! threads (the CLI's workers) together hold at most this many pixels, so that the memory of a
//! folder check does not grow with the number of workers. A decode waits until its pixels fit;
//! one decode alone always fits, since it is already within [`Limits::max_pixels`].

use crate::limits::Limits;
use std::sync::{Condvar, Mutex, PoisonError};

/// Pixels currently held by decodes in this process.
static IN_FLIGHT: Mutex<u64> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

/// A share of the budget, given back when dropped.
#[derive(Debug)]
pub struct Permit {
    pixels: u64,
}

/// Wait until `pixels` more fit in the budget, then take them.
pub fn acquire(pixels: u64, limits: &Limits) -> Permit {
    // A lone decode is always let through (it is within max_pixels already).
    let cap = limits.max_pixels_in_flight.max(pixels);
    let mut held = IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner);
    while *held > 0 && held.saturating_add(pixels) > cap {
        held = FREED.wait(held).unwrap_or_else(PoisonError::into_inner);
    }
    *held = held.saturating_add(pixels);
    Permit { pixels }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut held = IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner);
        *held = held.saturating_sub(self.pixels);
        FREED.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    #[test]
    fn threads_together_stay_within_the_budget() {
        let limits = Limits {
            max_pixels_in_flight: 100,
            ..Limits::default()
        };
        let now = Arc::new(AtomicU64::new(0));
        let peak = Arc::new(AtomicU64::new(0));
        std::thread::scope(|s| {
            for _ in 0..6 {
                let (now, peak, limits) = (now.clone(), peak.clone(), &limits);
                s.spawn(move || {
                    for _ in 0..20 {
                        let _p = acquire(60, limits);
                        let v = now.fetch_add(60, Ordering::SeqCst) + 60;
                        peak.fetch_max(v, Ordering::SeqCst);
                        std::thread::yield_now();
                        now.fetch_sub(60, Ordering::SeqCst);
                    }
                });
            }
        });
        // 60 + 60 > 100: the decodes ran one at a time.
        assert_eq!(peak.load(Ordering::SeqCst), 60);
    }
}
