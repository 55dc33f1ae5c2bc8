//! Why a download failed, in both languages. The page's fetches report one of these instead of the
//! browser's English ("Failed to fetch", "HTTP 404"), so the lab can say it in the learner's
//! language and offer what helps (a retry when the network was the cause).

use super::{Lang, Text};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchProblem {
    /// No answer at all: offline, the host down or unreachable.
    Unreachable { file: String },
    /// The host answered with an error status (404: the file is not on this host).
    Status { file: String, status: u16 },
    /// The answer broke off part way through.
    Interrupted { file: String },
    /// Anything else, as the browser put it.
    Other(String),
}

const UNREACHABLE: Text = Text::new(
    "{file} did not arrive: the network or the site could not be reached (are you offline?)",
    "{file} 没有下载到：连不上网络或网站（是否处于离线状态？）",
);
const STATUS: Text = Text::new(
    "the site answered {status} for {file}",
    "网站对 {file} 的回答是 {status}",
);
const NOT_FOUND: Text = Text::new(
    "{file} is not on this site (404)",
    "本网站上没有 {file}（404）",
);
const INTERRUPTED: Text = Text::new(
    "the download of {file} broke off part way",
    "{file} 下载到一半中断了",
);

impl FetchProblem {
    /// The file's name without its folders, for messages.
    fn short(file: &str) -> &str {
        file.rsplit('/').next().unwrap_or(file)
    }

    pub fn text(&self, lang: Lang) -> String {
        let with = |t: Text, file: &str| t.fill(lang, &[("file", &Self::short(file))]);
        match self {
            FetchProblem::Unreachable { file } => with(UNREACHABLE, file),
            FetchProblem::Status { file, status: 404 } => with(NOT_FOUND, file),
            FetchProblem::Status { file, status } => {
                STATUS.fill(lang, &[("file", &Self::short(file)), ("status", status)])
            }
            FetchProblem::Interrupted { file } => with(INTERRUPTED, file),
            FetchProblem::Other(why) => why.clone(),
        }
    }

    /// Worth trying again: the network, not the file, was the trouble.
    pub fn retryable(&self) -> bool {
        !matches!(self, FetchProblem::Status { status: 404, .. })
    }
}

impl std::fmt::Display for FetchProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_names_the_file_in_both_languages() {
        let file = "mnist/train-images-idx3-ubyte.gz".to_string();
        for p in [
            FetchProblem::Unreachable { file: file.clone() },
            FetchProblem::Status {
                file: file.clone(),
                status: 503,
            },
            FetchProblem::Status {
                file: file.clone(),
                status: 404,
            },
            FetchProblem::Interrupted { file: file.clone() },
        ] {
            for lang in [Lang::En, Lang::Zh] {
                let t = p.text(lang);
                assert!(
                    t.contains("train-images-idx3-ubyte.gz") && !t.contains("mnist/"),
                    "{t}"
                );
                assert!(!t.contains('{'), "{t}");
            }
        }
        assert!(FetchProblem::Unreachable { file }.retryable());
    }
}
