//! `convlab-cli`: the engine from the command line. summary, train, eval and bench.
//! Run `cargo run --release --bin convlab-cli -- --help`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    keep_freed_memory();
    cli::main()
}

/// A training step allocates and frees activations of up to ~10 MB. glibc returns blocks that
/// large to the kernel when they are freed (mmap), so every step page-faulted them in again
/// (docs/benchmarks.md, "Behind the comments"). Serving them
/// from the heap and not trimming it keeps one step's memory for the next. (The page's wasm
/// memory never shrinks, so it never paid this.)
#[cfg(not(target_arch = "wasm32"))]
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator thresholds; called before any thread starts.
    // 32 MiB is glibc's largest mmap threshold on 64-bit; a refused value leaves the default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod output;
