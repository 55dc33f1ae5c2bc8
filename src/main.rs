//! The page's entry point: it only mounts the app (see `convlab::app`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(convlab::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The ConvLab page is built for the browser: run `make serve`. For the command line, use `convlab-cli`.");
    std::process::exit(2);
}
