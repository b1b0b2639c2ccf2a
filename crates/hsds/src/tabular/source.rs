//! Where a package's files come from: a folder, or a zip file that the admin web UI
//! will take as an upload. A zip is never unpacked to disk: entries are read into
//! memory on demand, and every limit is enforced on the bytes actually inflated, not
//! on the sizes the archive claims, so a crafted archive cannot fill memory or disk.

use crate::{ImportError, RecordProblem};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// How much a package may hold. The defaults fit the largest Dutch sociale kaart many
/// times over (100,000 services is about 300 MB of CSV); an upload form may set less.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackageLimits {
    /// Entries in a zip file. An HSDS 3.0 package has 21 tables; a few hundred leaves
    /// room for readme files and old exports, while a zip with thousands of entries is
    /// an attack on the reader, not a package.
    pub max_entries: usize,
    /// Bytes of one file after unpacking.
    pub max_file_bytes: u64,
    /// Bytes of all files read together after unpacking.
    pub max_total_bytes: u64,
    /// Unpacked bytes per packed byte of a zip entry. CSV text packs about 3 to 10
    /// times; a zip bomb packs about 1,000 times.
    pub max_compression_ratio: u64,
}

impl PackageLimits {
    /// Limits for a package that an administrator imports.
    pub const DEFAULT: Self = Self {
        max_entries: 500,
        max_file_bytes: 512 * 1024 * 1024,
        max_total_bytes: 1024 * 1024 * 1024,
        max_compression_ratio: 100,
    };
}

impl Default for PackageLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Below this size a file's compression ratio is not checked: a small file is
/// harmless, and a nearly empty CSV packs very well.
const RATIO_CHECK_FROM: u64 = 1024 * 1024;

/// File names inside an archive that are themselves archives.
const ARCHIVE_EXTENSIONS: [&str; 10] = [".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".zst", ".jar"];

/// The files of one package, relative to the folder that holds its tables.
pub(crate) struct Source {
    /// The package's name in reports: the zip file or folder name.
    pub(crate) label: String,
    inner: Inner,
    /// The folder inside the folder or zip where the tables are (`""` or `export/`).
    base: String,
    limits: PackageLimits,
    read_so_far: u64,
}

enum Inner {
    Folder(PathBuf),
    /// The archive and its file entries by name.
    Zip(zip::ZipArchive<BufReader<File>>, BTreeMap<String, usize>),
}

/// A refusal of the whole package.
pub(crate) fn refused(record: &str, message: impl Into<String>) -> ImportError {
    ImportError::Invalid(vec![RecordProblem {
        place: None,
        record: record.to_owned(),
        field: String::new(),
        message: message.into(),
    }])
}

impl Source {
    /// Opens a folder, or a file ending in `.zip`.
    pub(crate) fn open(path: &Path, limits: PackageLimits) -> Result<Self, ImportError> {
        let label = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let metadata = std::fs::metadata(path).map_err(ImportError::Read)?;
        let inner = if metadata.is_dir() { Inner::Folder(path.to_owned()) } else { open_zip(path, &label, limits)? };
        let mut source = Self { label, inner, base: String::new(), limits, read_so_far: 0 };
        source.base = source.find_base()?;
        Ok(source)
    }

    /// The names of the files next to the tables (not in sub-folders).
    pub(crate) fn files(&self) -> Vec<String> {
        match &self.inner {
            Inner::Folder(root) => {
                let Ok(entries) = std::fs::read_dir(root.join(&self.base)) else { return Vec::new() };
                let mut names: Vec<String> = entries
                    .filter_map(Result::ok)
                    .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|entry| entry.file_name().into_string().ok())
                    .filter(|name| !name.starts_with('.'))
                    .collect();
                names.sort();
                names
            }
            Inner::Zip(_, entries) => entries
                .keys()
                .filter_map(|name| name.strip_prefix(&self.base))
                .filter(|name| !name.contains('/'))
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Whether the package has the file `name` (relative to the tables' folder).
    pub(crate) fn has(&self, name: &str) -> bool {
        match &self.inner {
            Inner::Folder(root) => safe_relative(name).is_some_and(|rel| root.join(&self.base).join(rel).is_file()),
            Inner::Zip(_, entries) => entries.contains_key(&format!("{}{name}", self.base)),
        }
    }

    /// Reads the file `name` (relative to the tables' folder, e.g. `services.csv` or
    /// `data/services.csv`), within the limits.
    pub(crate) fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        let budget = self.limits.max_total_bytes.saturating_sub(self.read_so_far);
        let bytes = match &mut self.inner {
            Inner::Folder(root) => {
                let Some(relative) = safe_relative(name) else {
                    return Err(refused(name, "the path leaves the package folder; name files inside it"));
                };
                let file = File::open(root.join(&self.base).join(relative)).map_err(ImportError::Read)?;
                read_limited(name, file, None, &self.limits, budget)?
            }
            Inner::Zip(archive, entries) => {
                let full = format!("{}{name}", self.base);
                let Some(&index) = entries.get(&full) else {
                    return Err(refused(name, "the zip file has no such file"));
                };
                let entry = archive.by_index(index).map_err(|error| unreadable(&full, &error))?;
                let packed = entry.compressed_size();
                read_limited(&full, entry, Some(packed), &self.limits, budget)?
            }
        };
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0x1F, 0x8B]) {
            return Err(refused(name, "this file is itself a packed archive; unpack it and give its files instead"));
        }
        self.read_so_far += bytes.len() as u64;
        Ok(bytes)
    }

    /// The folder holding the tables: the root, or the one sub-folder that has the
    /// `datapackage.json` (or, without one, the CSV files). Zips made by "send to
    /// compressed folder" put everything in such a sub-folder.
    fn find_base(&self) -> Result<String, ImportError> {
        let (root_files, folders) = match &self.inner {
            Inner::Folder(root) => {
                let entries = std::fs::read_dir(root).map_err(ImportError::Read)?;
                let mut files = Vec::new();
                let mut folders = Vec::new();
                for entry in entries.filter_map(Result::ok) {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') || name == "__MACOSX" {
                        continue;
                    }
                    match entry.file_type() {
                        Ok(t) if t.is_dir() => folders.push(format!("{name}/")),
                        Ok(_) => files.push(name),
                        Err(_) => {}
                    }
                }
                (files, folders)
            }
            Inner::Zip(_, entries) => {
                let files = entries.keys().filter(|n| !n.contains('/')).cloned().collect();
                let mut folders: Vec<String> =
                    entries.keys().filter_map(|n| n.split_once('/').map(|(dir, _)| format!("{dir}/"))).collect();
                folders.dedup();
                (files, folders)
            }
        };
        let is_table = |name: &str| name == "datapackage.json" || name.to_ascii_lowercase().ends_with(".csv");
        if root_files.iter().any(|name| is_table(name)) || folders.len() != 1 {
            return Ok(String::new());
        }
        Ok(folders.into_iter().next().unwrap_or_default())
    }
}

fn open_zip(path: &Path, label: &str, limits: PackageLimits) -> Result<Inner, ImportError> {
    let file = File::open(path).map_err(ImportError::Read)?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|error| refused(label, format!("this is not a folder or a readable zip file: {error}")))?;
    if archive.len() > limits.max_entries {
        return Err(refused(
            label,
            format!(
                "the zip file holds {} entries; a package may hold at most {}. Put only the datapackage.json and the \
                 CSV files in it",
                archive.len(),
                limits.max_entries
            ),
        ));
    }
    let mut entries = BTreeMap::new();
    let mut claimed: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|error| unreadable(label, &error))?;
        let name = entry.name().map(|n| n.replace('\\', "/")).unwrap_or_default();
        if entry.enclosed_name().is_none() {
            return Err(refused(&name, "this entry's name points outside the zip file; such archives are refused"));
        }
        if entry.is_dir() || name.starts_with("__MACOSX/") || name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if ARCHIVE_EXTENSIONS.iter().any(|ext| lower.ends_with(ext)) {
            return Err(refused(
                &name,
                "the zip file holds another archive; unpack it and put its files in the zip file instead",
            ));
        }
        if entry.size() > limits.max_file_bytes {
            return Err(too_large(&name, limits.max_file_bytes));
        }
        claimed = claimed.saturating_add(entry.size());
        if claimed > limits.max_total_bytes {
            return Err(too_large_total(label, limits.max_total_bytes));
        }
        entries.insert(name, index);
    }
    Ok(Inner::Zip(archive, entries))
}

/// Reads all of `reader`, but never more than the limits allow, checking the
/// compression ratio of a zip entry (`packed` bytes) as it inflates.
fn read_limited(
    name: &str,
    reader: impl Read,
    packed: Option<u64>,
    limits: &PackageLimits,
    budget: u64,
) -> Result<Vec<u8>, ImportError> {
    let cap = limits.max_file_bytes.min(budget);
    let mut limited = reader.take(cap.saturating_add(1));
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = limited.read(&mut chunk).map_err(|error| unreadable_io(name, &error))?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        let read = bytes.len() as u64;
        if let Some(packed) = packed
            && read >= RATIO_CHECK_FROM
            && read / packed.max(1) > limits.max_compression_ratio
        {
            return Err(refused(
                name,
                format!(
                    "this entry unpacks to more than {} times its packed size, which no real CSV file does; the zip \
                     file is refused as a possible zip bomb",
                    limits.max_compression_ratio
                ),
            ));
        }
        if read > cap {
            return Err(if read > limits.max_file_bytes {
                too_large(name, limits.max_file_bytes)
            } else {
                too_large_total(name, limits.max_total_bytes)
            });
        }
    }
    Ok(bytes)
}

fn too_large(name: &str, limit: u64) -> ImportError {
    refused(name, format!("this file is larger than {} MiB unpacked; split the package", limit / (1024 * 1024)))
}

fn too_large_total(name: &str, limit: u64) -> ImportError {
    refused(name, format!("the package is larger than {} MiB unpacked; split it", limit / (1024 * 1024)))
}

fn unreadable(name: &str, error: &zip::result::ZipError) -> ImportError {
    refused(name, format!("this entry cannot be unpacked: {error}"))
}

fn unreadable_io(name: &str, error: &std::io::Error) -> ImportError {
    refused(name, format!("this file cannot be read to the end: {error}"))
}

/// `name` as a path that stays inside the package folder, or `None`.
fn safe_relative(name: &str) -> Option<PathBuf> {
    let path = Path::new(name);
    path.components().all(|c| matches!(c, std::path::Component::Normal(_))).then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_package_are_not_safe() {
        assert!(safe_relative("data/services.csv").is_some());
        assert!(safe_relative("../secret.csv").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
    }

    #[test]
    fn reading_stops_one_byte_past_the_file_limit() {
        let limits = PackageLimits { max_file_bytes: 10, ..PackageLimits::DEFAULT };
        let data = vec![b'a'; 1000];
        assert!(read_limited("x", data.as_slice(), None, &limits, u64::MAX).is_err());
        assert_eq!(read_limited("x", &data[..10], None, &limits, u64::MAX).unwrap().len(), 10);
    }

    #[test]
    fn an_entry_that_inflates_implausibly_is_refused_while_it_inflates() {
        let limits = PackageLimits::DEFAULT;
        let data = vec![0u8; 2 * 1024 * 1024];
        let error = read_limited("bomb.csv", data.as_slice(), Some(1000), &limits, u64::MAX).unwrap_err();
        assert!(error.to_string().contains("zip bomb"), "{error}");
        assert!(read_limited("ok.csv", data.as_slice(), Some(100_000), &limits, u64::MAX).is_ok());
    }
}
