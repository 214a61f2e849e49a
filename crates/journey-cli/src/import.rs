//! `journey import mermaid|csv FILE`: reads the file, lets the core import it, prints the
//! diagnostics about the input, and writes the `.journey` text to standard output or, with
//! `-o`, to a file (whole, and never over an existing one without `--force`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_diagnostics::{SourceFiles, render};
use journey_import::ImportOptions;
use journey_model::{LoadError, Loader};

use crate::files::DiskLoader;
use journey_fs::Purpose;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    from: ImportFormat,
    /// The file to import; `-` reads standard input.
    file: String,
    /// The `.journey` file to write (default: standard output).
    #[arg(short, long)]
    output: Option<String>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ImportFormat {
    /// A Mermaid user-journey diagram (`journey`, `title`, `section`, `Task: 5: Me`).
    Mermaid,
    /// A journey-map spreadsheet saved as CSV (`,`, `;` or tab): one row per step, with
    /// columns such as Stage, Step, Touchpoint, Channel, Lane, Emotion, Pain point, Duration.
    Csv,
}

pub fn run(args: ImportArgs) -> Result<ExitCode, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut loader = DiskLoader::new(cwd.clone());
    let path = if args.file == "-" { loader.read_stdin()? } else { cwd.join(&args.file) };
    let bytes = loader.read(&path).map_err(|e| match e {
        LoadError::NotFound => format!("cannot find `{}`", args.file),
        LoadError::TooLarge(size) => format!("`{}` is too large to import ({size} bytes)", args.file),
        LoadError::NotAFile(what) => format!("cannot import `{}`: it is {what}, not a regular file", args.file),
        LoadError::Other(why) => format!("cannot read `{}`: {why}", args.file),
    })?;
    let text = decode(bytes, &args.file)?;
    let output = match args.output.as_deref() {
        None | Some("-") => None,
        Some(out) => Some(writable(&cwd.join(out), out, args.force)?),
    };

    let mut files = SourceFiles::default();
    let file = files.add(loader.display(&path), text.clone());
    let name = (args.file != "-").then(|| path.file_stem().map(|s| s.to_string_lossy().into_owned())).flatten();
    let options = ImportOptions { file, name };
    let (journey, diagnostics) = match args.from {
        ImportFormat::Mermaid => journey_import::import_mermaid_with(&text, &options),
        ImportFormat::Csv => journey_import::import_csv_with(&text, &options),
    };
    if !diagnostics.is_empty() {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        eprint!("{}", render::human(&files, &diagnostics, render::HumanOptions { color }));
    }
    if journey.is_empty() {
        eprintln!("error: nothing was imported ({})", render::summary(&diagnostics));
        return Ok(ExitCode::from(1));
    }
    match output {
        None => crate::say(&journey),
        Some(out) => {
            journey_fs::write(&out, journey.as_bytes(), Purpose::Output)
                .map_err(|e| format!("cannot write `{}`: {e}", out.display()))?;
            let shown = args.output.as_deref().unwrap_or_default();
            let warnings =
                if diagnostics.is_empty() { String::new() } else { format!(" ({})", render::summary(&diagnostics)) };
            eprintln!("wrote {shown}{warnings}; `journey check {shown}` says what is left to fill in");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The text of the input: UTF-8 (a byte-order mark is fine); anything else is refused with a
/// hint, since spreadsheets are often saved in another encoding.
fn decode(bytes: Vec<u8>, name: &str) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!("`{name}` is UTF-16 text; save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{name}` is not UTF-8 text (byte {}); save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Where the output may go: not over an existing file unless `force`, never over a folder.
fn writable(path: &Path, shown: &str, force: bool) -> Result<PathBuf, String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(format!("`{shown}` is a folder; name the file to write")),
        Ok(_) if !force => Err(format!("`{shown}` exists; use --force to replace it")),
        Ok(m) if !m.is_file() => Err(format!("`{shown}` is not a regular file; refusing to replace it")),
        _ => Ok(path.to_path_buf()),
    }
}
