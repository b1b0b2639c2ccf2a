//! The outbox: without an SMTP server, each mail becomes one `.eml` file that any mail
//! program opens, so developers and demo sites can follow invitation links without
//! sending anything.

use std::path::{Path, PathBuf};

use rand::distr::{Alphanumeric, SampleString};
use tokio::io::AsyncWriteExt;

use crate::MailError;

/// Creates the outbox folder if needed, so that a bad path fails at startup.
pub(crate) fn prepare(dir: &Path) -> Result<(), MailError> {
    std::fs::create_dir_all(dir).map_err(|source| MailError::Outbox { path: dir.to_owned(), source })
}

/// Writes one message as `<UTC time>-<kind>-<random>.eml`: sorted by name, the files are
/// in sending order; the random part keeps two mails in the same second apart.
pub(crate) async fn write(dir: &Path, kind: &str, message: &[u8]) -> Result<PathBuf, MailError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let random = Alphanumeric.sample_string(&mut rand::rng(), 6).to_lowercase();
    let path = dir.join(format!("{stamp}-{kind}-{random}.eml"));
    let failed = |source| MailError::Outbox { path: path.clone(), source };
    tokio::fs::create_dir_all(dir).await.map_err(failed)?;
    // `create_new`: never overwrite a mail that happens to have the same name.
    let mut file = tokio::fs::OpenOptions::new().write(true).create_new(true).open(&path).await.map_err(failed)?;
    file.write_all(message).await.map_err(failed)?;
    file.flush().await.map_err(failed)?;
    Ok(path)
}
