//! Police posts: find the nearest (`/posts`) and one post (`/posts/{id}`).

pub mod find;
pub mod show;
