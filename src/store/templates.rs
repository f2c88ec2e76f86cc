//! Answer templates: kept by administrators, every change audited with the texts before and
//! after.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;

use super::directory::audit_change;
use super::moderation::Actor;
use crate::domain::answer_template::AnswerTemplate;
use crate::domain::moderation::AuditAction;

/// A stored template.
#[derive(Clone, Debug)]
pub struct TemplateLine {
    pub id: i64,
    pub template: AnswerTemplate,
    pub updated_at: DateTime<Utc>,
}

struct Row {
    id: i64,
    title: String,
    body_kk: String,
    body_ru: String,
    body_en: String,
    updated_at: DateTime<Utc>,
}

impl From<Row> for TemplateLine {
    fn from(r: Row) -> Self {
        TemplateLine {
            id: r.id,
            template: AnswerTemplate {
                title: r.title,
                body_kk: r.body_kk,
                body_ru: r.body_ru,
                body_en: r.body_en,
            },
            updated_at: r.updated_at,
        }
    }
}

fn as_json(t: &AnswerTemplate) -> serde_json::Value {
    json!({"title": t.title, "kk": t.body_kk, "ru": t.body_ru, "en": t.body_en})
}

/// Every template, by title.
pub async fn list(pool: &PgPool) -> Result<Vec<TemplateLine>, sqlx::Error> {
    let rows = sqlx::query_as!(
        Row,
        "SELECT id, title, body_kk, body_ru, body_en, updated_at FROM answer_templates
         ORDER BY lower(title), id"
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(TemplateLine::from).collect())
}

/// The templates' ids and titles, for the answer form.
pub async fn titles(pool: &PgPool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    Ok(
        sqlx::query!("SELECT id, title FROM answer_templates ORDER BY lower(title), id")
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|r| (r.id, r.title))
            .collect(),
    )
}

pub async fn get(pool: &PgPool, id: i64) -> Result<Option<TemplateLine>, sqlx::Error> {
    let row = sqlx::query_as!(
        Row,
        "SELECT id, title, body_kk, body_ru, body_en, updated_at FROM answer_templates
         WHERE id = $1",
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(TemplateLine::from))
}

/// Adds a template (`id` None) or replaces one; None when the template to replace is gone.
pub async fn save(
    pool: &PgPool,
    id: Option<i64>,
    t: &AnswerTemplate,
    actor: &Actor,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let before = match id {
        Some(id) => {
            let old = sqlx::query_as!(
                Row,
                "SELECT id, title, body_kk, body_ru, body_en, updated_at FROM answer_templates
                 WHERE id = $1 FOR UPDATE",
                id
            )
            .fetch_optional(&mut *tx)
            .await?;
            let Some(old) = old else {
                return Ok(None);
            };
            Some(as_json(&TemplateLine::from(old).template))
        }
        None => None,
    };
    let saved = sqlx::query_scalar!(
        "INSERT INTO answer_templates (id, title, body_kk, body_ru, body_en)
         VALUES (COALESCE($1, nextval('answer_templates_id_seq')), $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET title = $2, body_kk = $3, body_ru = $4, body_en = $5,
                                        updated_at = now()
         RETURNING id",
        id,
        t.title,
        t.body_kk,
        t.body_ru,
        t.body_en
    )
    .fetch_one(&mut *tx)
    .await?;
    let target = format!("template:{saved}");
    let action = AuditAction::TemplateSaved;
    audit_change(&mut tx, actor, action, &target, before, &as_json(t)).await?;
    tx.commit().await?;
    Ok(Some(saved))
}

/// Removes a template; false when it was gone already.
pub async fn remove(pool: &PgPool, id: i64, actor: &Actor) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let old = sqlx::query_as!(
        Row,
        "DELETE FROM answer_templates WHERE id = $1
         RETURNING id, title, body_kk, body_ru, body_en, updated_at",
        id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(old) = old else {
        return Ok(false);
    };
    let before = as_json(&TemplateLine::from(old).template);
    let target = format!("template:{id}");
    let action = AuditAction::TemplateRemoved;
    audit_change(&mut tx, actor, action, &target, Some(before), &json!(null)).await?;
    tx.commit().await?;
    Ok(true)
}
