//! Each job's last run, attempts and outcome, in SQLite.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OpenFlags};

use crate::common::rfc3339;

/// Whether the scheduler writes what happens (a real run) or only reads the
/// last runs (a simulation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly,
}

/// The state file.
pub struct Store {
    conn: Mutex<Connection>,
    access: Access,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS jobs (
    id        TEXT PRIMARY KEY,
    last_run  TEXT NOT NULL,    -- RFC 3339: the run last started (what catch-up counts from)
    trigger   TEXT NOT NULL,    -- the earliest trigger it served
    deadline  TEXT,             -- when the window closes on it; NULL for none
    cause     TEXT NOT NULL,    -- scheduled | catch-up
    attempts  INTEGER NOT NULL, -- attempts so far (retries + 1)
    outcome   TEXT NOT NULL,    -- running | success | failed | terminated | interrupted
    updated   TEXT NOT NULL     -- wall clock of the last change
);";

impl Store {
    /// Opens (a real run: creates) the state file.
    pub fn open(path: &Path, access: Access) -> rusqlite::Result<Store> {
        let conn = match access {
            Access::ReadWrite => {
                let conn = Connection::open(path)?;
                conn.execute_batch(SCHEMA)?;
                conn
            }
            Access::ReadOnly => Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?,
        };
        Ok(Store {
            conn: Mutex::new(conn),
            access,
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written:
        // every statement is its own transaction.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Each job's stored last run.
    pub fn last_runs(&self) -> rusqlite::Result<HashMap<String, DateTime<Utc>>> {
        let conn = self.conn();
        let mut statement = conn.prepare("SELECT id, last_run FROM jobs")?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
        let mut last_runs = HashMap::new();
        for row in rows {
            let (id, last_run) = row?;
            if let Ok(last_run) = DateTime::parse_from_rfc3339(&last_run) {
                last_runs.insert(id, last_run.with_timezone(&Utc));
            }
        }
        Ok(last_runs)
    }

    /// Runs that were going when the scheduler stopped did not finish.
    pub fn mark_interrupted(&self, now: DateTime<Utc>) -> rusqlite::Result<usize> {
        if self.access == Access::ReadOnly {
            return Ok(0);
        }
        self.conn().execute(
            "UPDATE jobs SET outcome = 'interrupted', updated = ?1 WHERE outcome = 'running'",
            params![rfc3339(now)],
        )
    }

    /// A run started: it is the job's last run from now on.
    pub fn started(&self, id: &str, run: &RunRecord<'_>, now: DateTime<Utc>) -> rusqlite::Result<()> {
        if self.access == Access::ReadOnly {
            return Ok(());
        }
        self.conn().execute(
            "INSERT INTO jobs (id, last_run, trigger, deadline, cause, attempts, outcome, updated)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, 'running', ?6)
             ON CONFLICT (id) DO UPDATE SET last_run = ?2, trigger = ?3, deadline = ?4, cause = ?5,
                 attempts = 1, outcome = 'running', updated = ?6",
            params![
                id,
                rfc3339(run.last_run),
                rfc3339(run.trigger),
                run.deadline.map(rfc3339),
                run.cause,
                rfc3339(now)
            ],
        )?;
        Ok(())
    }

    /// An attempt of the job's last run ended (or a retry started).
    pub fn attempted(
        &self,
        id: &str,
        attempts: u32,
        outcome: &str,
        now: DateTime<Utc>,
    ) -> rusqlite::Result<()> {
        if self.access == Access::ReadOnly {
            return Ok(());
        }
        self.conn().execute(
            "UPDATE jobs SET attempts = ?2, outcome = ?3, updated = ?4 WHERE id = ?1",
            params![id, attempts, outcome, rfc3339(now)],
        )?;
        Ok(())
    }
}

/// What is stored when a run starts.
pub struct RunRecord<'a> {
    /// What catch-up counts from after a restart: the tracker's `since`.
    pub last_run: DateTime<Utc>,
    pub trigger: DateTime<Utc>,
    pub deadline: Option<DateTime<Utc>>,
    pub cause: &'a str,
}
