//! Plain types and rules of the portal, without I/O.
