//! The file `train` writes, and Ctrl-C: the weights reach `--out` whole or not at all. They are
//! written to a hidden file beside it and renamed over it at the end (a rename within one folder
//! is atomic), and Ctrl-C during a run stops it at the next batch with nothing written.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The output file's folder must exist and the path must not be a folder: checked before any
/// work, so a long run is not thrown away at the end.
pub fn check_out(out: &Path) -> Result<(), String> {
    if out.is_dir() {
        return Err(format!(
            "--out {} is a folder; give a file name such as {}/weights.safetensors",
            out.display(),
            out.display()
        ));
    }
    let dir = folder(out);
    if !dir.is_dir() {
        return Err(format!(
            "--out {}: the folder {} does not exist",
            out.display(),
            dir.display()
        ));
    }
    Ok(())
}

fn folder(out: &Path) -> &Path {
    out.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The hidden file the weights are written to before they take `out`'s name.
fn partial(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or("weights".into(), |n| n.to_string_lossy());
    folder(out).join(format!(".{name}.partial"))
}

/// Writes `bytes` to `out` so that a reader (or an interruption) never sees half a file: any
/// earlier file at `out` stays as it was until the new one is complete.
pub fn write_whole(out: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = partial(out);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, out));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", out.display())
    })
}

/// Set by Ctrl-C (SIGINT); a run looks at it after every batch.
#[derive(Clone)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// Takes over Ctrl-C for the rest of the process; `None` where that is refused (a second
    /// handler), in which case Ctrl-C ends the process at once, which also writes nothing.
    pub fn catch() -> Option<Self> {
        let flag = Arc::new(AtomicBool::new(false));
        let set = flag.clone();
        ctrlc::set_handler(move || set.store(true, Ordering::SeqCst)).ok()?;
        Some(Self(flag))
    }

    pub fn happened(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_only_once_the_new_one_is_whole() {
        let dir = std::env::temp_dir().join(format!("convlab-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("w.safetensors");
        std::fs::write(&out, b"old").unwrap();
        write_whole(&out, b"new weights").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new weights");
        assert!(!partial(&out).exists(), "no partial file is left behind");
        // A write that cannot happen (the folder is gone) leaves nothing, and says where.
        let missing = dir.join("gone").join("w.safetensors");
        let e = write_whole(&missing, b"x").unwrap_err();
        assert!(e.starts_with("cannot write ") && e.contains("gone"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
