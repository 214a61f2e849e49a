//! `journey serve`: the options, and how the workspace is read (as `journey check` reads it);
//! the server is `journey-serve`.

use std::process::ExitCode;
use std::sync::Arc;

use crate::ServeArgs;
use crate::check::load;

pub fn run(args: ServeArgs) -> Result<ExitCode, String> {
    let host = args.host.parse().map_err(|_| format!("`{}` is not an IP address", args.host))?;
    let paths = args.paths.clone();
    let options = journey_serve::Options { paths: args.paths, host, port: args.port, open: args.open };
    journey_serve::run(options, Arc::new(move || load(&paths).map(|loaded| loaded.checked)))?;
    Ok(ExitCode::SUCCESS)
}
