//! How the `journey` binary sets up its allocator (mimalloc, declared in `main.rs`). The
//! benchmarks that repeat a command's work include this file too (`#[path]`), so that they
//! measure what the command does.

/// `mi_option_purge_delay` in mimalloc.h: milliseconds before freed memory is handed back to
/// the system; -1, never.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A batch command frees memory only to allocate it again a moment later (one file's tokens,
/// then the next's). By default mimalloc hands freed memory back to the system after a delay,
/// and the kernel clears every page again when it comes back: that clearing was a third of the
/// time of a 100 MB check. A command that ends when its work is done keeps what it frees; its
/// peak is the same. The language server, which runs for hours, returns memory as usual.
#[allow(unsafe_code)]
pub fn keep_freed_memory() {
    // SAFETY: one plain store of an option's value, made before the program starts any thread
    // (mimalloc's options are not thread safe to set).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}
