//! Work for a second thread, where one can be had.
//!
//! Loading a large catalogue and expanding `#[errcat::catalog]` both split
//! their work in two. This is the one place that starts the helper thread,
//! so that every caller gets the same behaviour: the result is what running
//! both parts one after the other would give, a panic on the helper carries
//! on in the caller, and where no thread can be had (a helper thread cannot
//! be created in some sandboxes) the work runs on the calling thread rather
//! than failing, which inside the proc macro would be a compile error
//! unrelated to the catalogue.

use std::sync::{Mutex, PoisonError};

/// Runs `there` on a helper thread while `here` runs on the calling thread,
/// and returns both results. Where no thread can be had, `there` runs on the
/// calling thread after `here`.
///
/// Only `here` runs on the calling thread, so only `here` may use what is
/// tied to it, such as the compiler's `proc_macro` API inside the macro.
pub fn join<A: Send, B>(there: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    // The helper takes the work out of the slot. If it never starts, the
    // work is still in the slot afterwards.
    let slot = Mutex::new(Some(there));
    let take = || slot.lock().unwrap_or_else(PoisonError::into_inner).take();
    let (helped, b) = std::thread::scope(|scope| {
        let helper = std::thread::Builder::new().spawn_scoped(scope, || take().map(|f| f()));
        let b = here();
        let helped = match helper {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        (helped, b)
    });
    let rest = slot.into_inner().unwrap_or_else(PoisonError::into_inner);
    (finish(helped, rest), b)
}

/// The number of errors from which loading splits its work with a helper
/// thread. Below it, starting the thread costs more than it saves.
pub(crate) const PARALLEL_FROM: usize = 256;

/// [`join`] when `parallel` is true; otherwise `here` then `there`, both on
/// the calling thread, as [`join`] does when no thread can be had.
pub fn join_if<A: Send, B>(
    parallel: bool,
    there: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    if parallel {
        join(there, here)
    } else {
        let b = here();
        (there(), b)
    }
}

/// The helper's result, or the work it never took, run here.
fn finish<A>(helped: Option<A>, rest: Option<impl FnOnce() -> A>) -> A {
    match (helped, rest) {
        (Some(a), _) => a,
        (None, Some(there)) => there(),
        // The helper returns a result exactly when it took the work out of
        // the slot, so one of the two is always there.
        (None, None) => unreachable!("the work was neither done nor left in its slot"),
    }
}

#[cfg(test)]
mod tests {
    use super::{finish, join, join_if};
    use std::sync::Mutex;

    #[test]
    fn join_if_not_parallel_runs_here_then_there_on_this_thread() {
        let here = std::thread::current().id();
        let order = Mutex::new(Vec::new());
        let (a, b) = join_if(
            false,
            || {
                order.lock().unwrap().push("there");
                std::thread::current().id()
            },
            || {
                order.lock().unwrap().push("here");
                std::thread::current().id()
            },
        );
        assert_eq!((a, b), (here, here));
        assert_eq!(*order.lock().unwrap(), ["here", "there"]);
        let (a, b) = join_if(true, || std::thread::current().id(), || 0);
        assert_ne!(a, here);
        assert_eq!(b, 0);
    }

    #[test]
    fn both_results_come_back_in_place() {
        let data: Vec<u32> = (1..=1000).collect();
        let (sum, len) = join(|| data.iter().sum::<u32>(), || data.len());
        assert_eq!((sum, len), (500_500, 1000));
    }

    #[test]
    fn the_helper_runs_on_another_thread_and_may_take_ownership() {
        let here = std::thread::current().id();
        let owned = vec![String::from("moved")];
        let (there, same) = join(
            move || (std::thread::current().id(), owned),
            || std::thread::current().id(),
        );
        assert_eq!(same, here);
        assert_ne!(there.0, here);
        assert_eq!(there.1, ["moved"]);
    }

    #[test]
    fn work_the_helper_never_took_runs_here() {
        let here = std::thread::current().id();
        let left = Some(|| std::thread::current().id());
        assert_eq!(finish(None, left), here);
        assert_eq!(finish(Some(7), None::<fn() -> i32>), 7);
    }

    #[test]
    #[should_panic(expected = "helper failed")]
    fn a_panic_in_the_helper_reaches_the_caller() {
        let _ = join(|| -> u8 { panic!("helper failed") }, || 1);
    }
}
