//! The status sets SQL names once (migration 0006) are the domain's sets.

use police_portal::domain::post::PostStatus;
use police_portal::domain::submission::SubmissionStatus;

use crate::helpers::fresh_database;

#[tokio::test]
async fn the_sql_status_sets_agree_with_the_domain() {
    let pool = fresh_database().await;
    for status in PostStatus::ALL {
        let future: bool = sqlx::query_scalar("SELECT post_is_future($1::text::post_status)")
            .bind(status.code())
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(future, status.is_future(), "{status:?}");
    }
    for status in SubmissionStatus::ALL {
        let open: bool =
            sqlx::query_scalar("SELECT submission_is_open($1::text::submission_status)")
                .bind(status.code())
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(open, status.is_open(), "{status:?}");
    }
}
