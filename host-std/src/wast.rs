//! Runs spec test scripts (.wast).
