//! `journey completions SHELL` and `journey man`: the shell completion scripts and the manual
//! page, both generated from the same command-line definition the binary parses.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn completions(args: CompletionsArgs) -> Result<ExitCode, String> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "journey", &mut script);
    crate::say(&String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// A command's own page (`journey man check` is journey-check(1)); none: journey(1).
    command: Option<String>,
}

pub fn man(args: ManArgs) -> Result<ExitCode, String> {
    let top = Cli::command();
    let (command, title) = match args.command.as_deref() {
        None => (top, "journey".to_string()),
        Some(name) => {
            let Some(sub) = top.find_subcommand(name) else {
                let names: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
                let hint = journey_model::closest(name, names.iter().copied())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(format!("no command named `{name}`{hint}"));
            };
            // The page's title is the one the main page refers to: journey-check(1).
            (sub.clone().bin_name(format!("journey {}", sub.get_name())), format!("journey-{}", sub.get_name()))
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .title(title)
        .render(&mut page)
        .map_err(|e| format!("cannot write the manual page: {e}"))?;
    crate::say(&String::from_utf8_lossy(&page));
    Ok(ExitCode::SUCCESS)
}
