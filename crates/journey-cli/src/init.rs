//! `journey init [FOLDER]`: a starter workspace — a model that checks clean, a `journey.toml`
//! and a CI workflow — written file by file, never over a file that exists.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_fs::Purpose;

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// The folder to start in (created if missing; default: the current folder).
    folder: Option<String>,
}

/// What `init` writes, by path inside the folder.
pub const FILES: [(&str, &str); 3] = [
    ("journeys.journey", include_str!("../templates/starter.journey")),
    ("journey.toml", include_str!("../templates/journey.toml")),
    (".github/workflows/journey.yml", include_str!("../templates/journey.yml")),
];

pub fn run(args: InitArgs) -> Result<ExitCode, String> {
    let folder = PathBuf::from(args.folder.as_deref().unwrap_or("."));
    let mut wrote = 0;
    for (name, text) in FILES {
        let path = folder.join(name);
        if std::fs::symlink_metadata(&path).is_ok() {
            eprintln!("kept {} (it exists)", path.display());
            continue;
        }
        let parent = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        journey_fs::write(&path, text.as_bytes(), Purpose::Output)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        crate::say(&format!("wrote {}\n", path.display()));
        wrote += 1;
    }
    if wrote > 0 {
        let here = if args.folder.is_some() { format!(" {}", folder.display()) } else { String::new() };
        eprintln!("next: `journey check{here}`, then `journey build{here}` draws the model");
    }
    Ok(ExitCode::SUCCESS)
}
