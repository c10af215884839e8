//! Work for a second thread while the expansion goes on.

use std::thread::ScopedJoinHandle;

/// Runs `there` on a helper thread while `here` runs on the calling thread,
/// and returns both results.
///
/// Only `here` may use the compiler's `proc_macro` API, which belongs to
/// the thread the compiler called the macro on; `there` builds plain data
/// such as source text. Where no thread can be had, `there` runs on the
/// calling thread after `here`. A panic in `there` carries on here.
pub fn join<A: Send, B>(there: impl Fn() -> A + Sync, here: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new().spawn_scoped(scope, &there);
        let b = here();
        (result_of(helper, &there), b)
    })
}

/// The helper's result, or `there` run here if the helper never started.
fn result_of<A>(helper: std::io::Result<ScopedJoinHandle<'_, A>>, there: impl Fn() -> A) -> A {
    match helper {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Err(_) => there(),
    }
}

#[cfg(test)]
mod tests {
    use super::{join, result_of};

    #[test]
    fn both_results_come_back_in_place() {
        let data: Vec<u32> = (1..=1000).collect();
        let (sum, len) = join(|| data.iter().sum::<u32>(), || data.len());
        assert_eq!((sum, len), (500_500, 1000));
    }

    #[test]
    fn the_helper_runs_on_another_thread() {
        let here = std::thread::current().id();
        let (there, same) = join(
            || std::thread::current().id(),
            || std::thread::current().id(),
        );
        assert_eq!(same, here);
        assert_ne!(there, here);
    }

    #[test]
    fn without_a_thread_the_work_runs_here() {
        let here = std::thread::current().id();
        let none = Err(std::io::Error::other("no thread"));
        assert_eq!(result_of(none, || std::thread::current().id()), here);
    }

    #[test]
    #[should_panic(expected = "helper failed")]
    fn a_panic_in_the_helper_reaches_the_caller() {
        let _ = join(|| -> u8 { panic!("helper failed") }, || 1);
    }
}
