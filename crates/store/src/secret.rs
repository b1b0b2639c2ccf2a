//! Secrets the site makes for itself (keys for signing cookies and form tokens), kept
//! in the database so that every node and every restart uses the same ones without
//! the operator having to configure them.

use crate::record::bad_column;
use crate::token::{from_hex, hex, random_bytes};
use crate::{Result, Store};

/// Bytes in a site secret: 256 bits, as HMAC-SHA-256 wants.
pub const SITE_SECRET_BYTES: usize = 32;

impl Store {
    /// The secret stored under `name`, made at random on first use. When several nodes
    /// ask at once, the first insert wins (the others insert nothing) and all read the
    /// same value back. Kept hex-encoded in `settings` under the key `secret:<name>`.
    pub async fn site_secret(&self, name: &str) -> Result<Vec<u8>> {
        let key = format!("secret:{name}");
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(&key)
            .bind(hex(&random_bytes::<SITE_SECRET_BYTES>()))
            .execute(&self.pool)
            .await?;
        let (value,): (String,) =
            sqlx::query_as("SELECT value FROM settings WHERE key = $1").bind(&key).fetch_one(&self.pool).await?;
        match from_hex(&value) {
            Some(secret) if secret.len() == SITE_SECRET_BYTES => Ok(secret),
            _ => Err(bad_column("value", format!("setting `{key}` is not a {SITE_SECRET_BYTES}-byte hex secret"))),
        }
    }
}
