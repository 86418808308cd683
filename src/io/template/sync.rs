//! Sync (to do).
