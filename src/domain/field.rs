//! A message for one field of a form: which field, and the Fluent key of what is wrong.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's name, which is also the id its message is linked to.
    pub field: &'static str,
    /// The Fluent key of the message.
    pub key: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self { field, key }
    }
}

/// Sorts errors in the order the fields appear on the form, so the summary reads top-down.
pub fn in_form_order(errors: &mut [FieldError], order: &[&str]) {
    errors.sort_by_key(|e| {
        order
            .iter()
            .position(|f| *f == e.field)
            .unwrap_or(order.len())
    });
}
