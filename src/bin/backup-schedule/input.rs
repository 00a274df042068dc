//! Where the document comes from (`--policy FILE`, `-`, or standard input
//! when it is not a terminal), and the jobs in it to answer for.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use backup_schedule::vb365::{BackupJobDocument, CopyJobDocument, Job, JobDocument, JobPolicy, Kind, Listed};
use backup_schedule::Error;

use crate::Failure;

/// Where the document is read from.
#[derive(Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    /// `--policy FILE`, `--policy -`, or without `--policy` standard input,
    /// unless it is a terminal: then nobody is going to type a document,
    /// and forgetting `--policy` is an error naming it.
    pub fn of(policy: Option<&Path>, stdin_is_terminal: bool) -> Result<Source, Failure> {
        match policy {
            Some(path) if path.as_os_str() == "-" => Ok(Source::Stdin),
            Some(path) => Ok(Source::File(path.to_owned())),
            None if stdin_is_terminal => Err(Failure::Input(
                "--policy: expected a file, or a document piped to standard input, found neither (standard input is a terminal)".into(),
            )),
            None => Ok(Source::Stdin),
        }
    }

    /// How messages name it.
    fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "standard input".into(),
        }
    }

    /// The document: a policy, a job, or a list of jobs, of the family
    /// `kind` (`--kind`), or the one its policies say.
    pub fn read(&self, kind: Option<Kind>) -> Result<JobDocument, Failure> {
        let bytes = match self {
            Source::Stdin => {
                let mut bytes = Vec::new();
                io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map_err(|err| Failure::Input(format!("--policy: cannot read standard input: {err}")))?;
                bytes
            }
            Source::File(path) => fs::read(path).map_err(|err| {
                Failure::Input(format!("--policy: cannot read {:?}: {err}", path.as_os_str()))
            })?,
        };
        JobDocument::from_json(&bytes, kind).map_err(|err| Failure::Input(self.naming(&err)))
    }

    /// The error's message; a document that is not JSON names the file.
    fn naming(&self, err: &Error) -> String {
        match err {
            Error::Syntax { .. } => format!("{}: {err}", self.name()),
            other => other.to_string(),
        }
    }
}

/// What one answer is about: a bare policy or a job, of either family.
pub enum Doc {
    Policy(Box<JobPolicy>),
    Job(Job),
}

/// The jobs of a list, either family's.
pub type Jobs = Box<dyn Iterator<Item = Listing>>;

impl Doc {
    /// The one policy or job of a document, or else its list of jobs.
    pub fn of(document: JobDocument) -> Result<Result<Doc, Jobs>, Failure> {
        let unknown = || Failure::Input("(document): not a kind of document this tool knows".into());
        Ok(match document {
            JobDocument::Copy(CopyJobDocument::Policy(policy)) => {
                Ok(Doc::Policy(Box::new(JobPolicy::Copy(policy))))
            }
            JobDocument::Copy(CopyJobDocument::Job(job)) => Ok(Doc::Job(Job::Copy(job))),
            JobDocument::Copy(CopyJobDocument::List(jobs)) => {
                Err(Box::new(jobs.map(|listed| {
                    Listing::of(listed, Kind::Copy, |job| Job::Copy(Box::new(job)))
                })))
            }
            JobDocument::Backup(BackupJobDocument::Policy(policy)) => {
                Ok(Doc::Policy(Box::new(JobPolicy::Backup(*policy))))
            }
            JobDocument::Backup(BackupJobDocument::Job(job)) => Ok(Doc::Job(Job::Backup(job))),
            JobDocument::Backup(BackupJobDocument::List(jobs)) => {
                Err(Box::new(jobs.map(|listed| {
                    Listing::of(listed, Kind::Backup, |job| Job::Backup(Box::new(job)))
                })))
            }
            _ => return Err(unknown()),
        })
    }

    /// What staggers the job by default: its id, or else its name; `None`
    /// for a bare policy or a job with neither.
    pub fn stagger_key(&self) -> Option<&str> {
        match self {
            Doc::Policy(_) => None,
            Doc::Job(job) => job.id().or(job.name()),
        }
    }

    /// The schedule policy.
    pub fn policy(&self) -> Result<JobPolicy, Error> {
        match self {
            Doc::Policy(policy) => Ok(JobPolicy::clone(policy)),
            Doc::Job(job) => job.policy(),
        }
    }
}

/// A job of a list: its heading, how errors name it, and the job or why it
/// could not be read.
pub struct Listing {
    pub heading: String,
    pub label: String,
    pub id: Option<String>,
    pub name: Option<String>,
    pub job: Result<Doc, Error>,
}

impl Listing {
    pub fn of<T>(listed: Listed<T>, kind: Kind, job: impl FnOnce(T) -> Job) -> Listing {
        let name = listed
            .name
            .as_deref()
            .map_or("(unnamed)".into(), |name| format!("{name:?}"));
        let id = listed
            .id
            .as_deref()
            .map(|id| format!(" (id {id})"))
            .unwrap_or_default();
        let family = match kind {
            Kind::Copy => "copy job",
            Kind::Backup => "backup job",
        };
        let mut heading = format!("{family} {name}{id}");
        heading[..1].make_ascii_uppercase();
        Listing {
            heading,
            label: format!("{family} {name}{id} at {}", listed.path),
            id: listed.id,
            name: listed.name,
            job: listed.job.map(|listed| Doc::Job(job(listed))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_policy_stdin_unless_it_is_a_terminal() {
        assert_eq!(Source::of(None, false).ok(), Some(Source::Stdin));
        match Source::of(None, true) {
            Err(Failure::Input(message)) => assert!(message.starts_with("--policy: "), "{message}"),
            _ => panic!("a terminal on stdin and no --policy is bad input"),
        }
        // Given, --policy wins whatever stdin is.
        for terminal in [false, true] {
            assert_eq!(
                Source::of(Some(Path::new("-")), terminal).ok(),
                Some(Source::Stdin)
            );
            assert_eq!(
                Source::of(Some(Path::new("job.json")), terminal).ok(),
                Some(Source::File("job.json".into()))
            );
        }
    }

    #[test]
    fn only_documents_that_are_not_json_name_the_file() {
        let file = Source::File("jobs/a.json".into());
        let syntax = JobDocument::from_json(b"{", None).unwrap_err();
        assert!(file
            .naming(&syntax)
            .starts_with("jobs/a.json: (document): not valid JSON: "));
        assert!(Source::Stdin
            .naming(&syntax)
            .starts_with("standard input: (document): "));
        let json = JobDocument::from_json(br#"{"type": 1}"#, None).unwrap_err();
        assert!(file.naming(&json).starts_with("schedulePolicy.type: "));
    }
}
