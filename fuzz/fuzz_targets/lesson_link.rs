//! `convlab::untrusted::feed(Untrusted::LessonLink, …)`: no input may panic or break its promises.
#![no_main]
use convlab::untrusted::{feed, Untrusted};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    feed(Untrusted::LessonLink, data);
});
