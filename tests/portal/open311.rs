//! Open311 GeoReport v2, read side: every endpoint against the specification's field lists
//! in JSON and XML (parsed with a real XML parser), the error format, and what may never be
//! public (complaints, unpublished thanks, domestic conflicts, contact details, residents'
//! own words, exact locations).

use serde_json::Value;

use crate::helpers::{MODERATOR, THANKS_WITH_PHONE, TestApp};

const NOISE: &[(&str, &str)] = &[
    ("category", "noise"),
    ("place", "улица Абая, 5, кв. 12"),
    (
        "body",
        "Music from flat 14 every night, my name is Serik Akhmetov.",
    ),
    ("name", "Serik"),
    ("email", "serik@example.kz"),
    ("consent", "1"),
];

const CONFLICT: &[(&str, &str)] = &[
    ("category", "domestic_conflict"),
    ("place", "улица Абая, 7"),
    (
        "body",
        "The neighbours quarrel loudly and threaten each other.",
    ),
    ("name", "Aliya"),
    ("phone", "+7 701 234 56 78"),
    ("consent", "1"),
];

const COMPLAINT: &[(&str, &str)] = &[
    ("type", "complaint"),
    ("inspector", "1"),
    ("body", "The officer did not come although I called twice."),
    ("name", "Aigerim"),
    ("phone", "+7 701 234 56 78"),
    ("consent", "1"),
];

const SERVICE_FIELDS: [&str; 7] = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
];

const REQUEST_FIELDS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

async fn json(app: &TestApp, path: &str, status: u16) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), status, "{path}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{path}"
    );
    response.json().await.unwrap()
}

async fn xml(app: &TestApp, path: &str, status: u16) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), status, "{path}");
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    let body = response.text().await.unwrap();
    assert!(kind.starts_with("text/xml"), "{path}: {kind}: {body}");
    body
}

/// The names of the child elements of each `item` under the root, in a parsed document.
fn xml_items(doc: &str, root: &str, item: &str) -> Vec<Vec<(String, String)>> {
    let doc = roxmltree::Document::parse(doc).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), root);
    doc.root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            assert_eq!(n.tag_name().name(), item);
            n.children()
                .filter(|c| c.is_element())
                .map(|c| {
                    (
                        c.tag_name().name().to_string(),
                        c.text().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .collect()
}

fn assert_error(body: &Value, code: u16) {
    let errors = body.as_array().expect("an array of errors");
    assert_eq!(errors.len(), 1, "{body}");
    assert_eq!(errors[0]["code"], code, "{body}");
    assert!(
        !errors[0]["description"].as_str().unwrap().is_empty(),
        "{body}"
    );
}

#[tokio::test]
async fn discovery_and_services_follow_the_specification_in_json_and_xml() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let d = json(&app, "/open311/v2/discovery.json", 200).await;
    for field in ["changeset", "contact", "key_service"] {
        assert!(d[field].is_string(), "{field}: {d}");
    }
    let endpoint = &d["endpoints"][0];
    assert_eq!(
        endpoint["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    assert_eq!(endpoint["type"], "production");
    assert_eq!(endpoint["url"], format!("{}/open311/v2", app.address));
    // The contact names a whole address, usable outside the portal.
    assert!(
        d["contact"]
            .as_str()
            .unwrap()
            .contains(&format!("{}/feedback/new", app.address)),
        "{d}"
    );
    let formats: Vec<&str> = endpoint["formats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(formats, ["text/xml", "application/json"]);
    let doc = xml(&app, "/open311/v2/discovery.xml", 200).await;
    let parsed = roxmltree::Document::parse(&doc).unwrap();
    let formats: Vec<&str> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("format"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(formats, ["text/xml", "application/json"]);
    let children = |n: roxmltree::Node| -> Vec<String> {
        n.children()
            .filter(|c| c.is_element())
            .map(|c| c.tag_name().name().to_string())
            .collect()
    };
    let root = parsed.root_element();
    assert_eq!(root.tag_name().name(), "discovery");
    assert_eq!(
        children(root),
        ["changeset", "contact", "key_service", "endpoints"]
    );
    let endpoint = root
        .descendants()
        .find(|n| n.has_tag_name("endpoint"))
        .unwrap();
    assert_eq!(
        children(endpoint),
        ["specification", "url", "changeset", "type", "formats"]
    );

    let services = json(&app, "/open311/v2/services.json?lang=en", 200).await;
    let services = services.as_array().unwrap();
    assert_eq!(
        services.len(),
        9,
        "thanks, complaint and seven request categories"
    );
    for s in services {
        for field in SERVICE_FIELDS {
            assert!(!s[field].is_null(), "{field} in {s}");
        }
        assert_eq!(s["type"], "realtime");
    }
    let noise = services
        .iter()
        .find(|s| s["service_code"] == "request_noise")
        .unwrap();
    assert_eq!(noise["metadata"], false);
    // The language from ?lang= or Accept-Language.
    let kk = json(&app, "/open311/v2/services.json?lang=kk", 200).await;
    let kk_noise = kk
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service_code"] == "request_noise")
        .unwrap()
        .clone();
    assert_ne!(kk_noise["service_name"], noise["service_name"]);
    let ru: Value = app
        .another_client()
        .get_with_language("/open311/v2/services.json", "ru-RU,ru;q=0.9")
        .await
        .json()
        .await
        .unwrap();
    assert!(ru.to_string().contains("Шум"), "{ru}");
    let items = xml_items(
        &xml(&app, "/open311/v2/services.xml", 200).await,
        "services",
        "service",
    );
    assert_eq!(items.len(), 9);
    for item in &items {
        let names: Vec<&str> = item.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, SERVICE_FIELDS);
    }

    let complaint = json(&app, "/open311/v2/services/complaint.json", 200).await;
    assert_eq!(complaint["service_code"], "complaint");
    let attributes = complaint["attributes"].as_array().unwrap();
    assert!(!attributes.is_empty());
    for a in attributes {
        for field in [
            "variable",
            "code",
            "datatype",
            "required",
            "order",
            "description",
        ] {
            assert!(!a[field].is_null(), "{field} in {a}");
        }
    }
    // The same definition in XML, each attribute with the specification's fields in order.
    let definition = xml(&app, "/open311/v2/services/complaint.xml?lang=en", 200).await;
    let definition = roxmltree::Document::parse(&definition).unwrap();
    let root = definition.root_element();
    assert_eq!(root.tag_name().name(), "service_definition");
    assert_eq!(children(root), ["service_code", "attributes"]);
    let attributes: Vec<roxmltree::Node> = root
        .descendants()
        .filter(|n| n.has_tag_name("attribute"))
        .collect();
    assert_eq!(
        attributes.len(),
        complaint["attributes"].as_array().unwrap().len()
    );
    for a in attributes {
        assert_eq!(
            children(a),
            [
                "variable",
                "code",
                "datatype",
                "required",
                "datatype_description",
                "order",
                "description"
            ]
        );
    }
    let missing = json(&app, "/open311/v2/services/parking.json", 404).await;
    assert_error(&missing, 404);
    let missing = xml(&app, "/open311/v2/services/parking.xml", 404).await;
    let parsed = roxmltree::Document::parse(&missing).unwrap();
    assert_eq!(parsed.root_element().tag_name().name(), "errors");
    let code = parsed
        .descendants()
        .find(|n| n.has_tag_name("code"))
        .unwrap();
    assert_eq!(code.text(), Some("404"));
    assert_error(&json(&app, "/open311/v2/services.yaml", 400).await, 400);

    // Listed in the OpenAPI document.
    let openapi = json(&app, "/api/openapi.json", 200).await;
    for path in [
        "/open311/v2/discovery.{format}",
        "/open311/v2/services.{format}",
        "/open311/v2/services/{code}.{format}",
        "/open311/v2/requests.{format}",
        "/open311/v2/requests/{id}.{format}",
    ] {
        assert!(openapi["paths"][path]["get"].is_object(), "{path}");
    }
    assert!(openapi["paths"]["/open311/v2/requests.{format}"]["post"].is_object());
}

#[tokio::test]
async fn requests_list_only_what_may_be_public() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let (noise, _) = app.submit("/requests", NOISE).await;
    let (conflict, _) = app.submit("/requests", CONFLICT).await;
    let (complaint, _) = app.submit("/feedback", COMPLAINT).await;
    let (unpublished, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    let (published, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    sqlx::query("UPDATE submissions SET lat = 47.116789, lon = 51.923456 WHERE id = ANY($1)")
        .bind([noise, conflict])
        .execute(&app.pool)
        .await
        .unwrap();
    app.sign_in(MODERATOR).await;
    assert_eq!(app.act(published, "take", &[]).await.status(), 303);
    let public_text = "Thank you, the inspector found my bag.";
    let done = app
        .act(published, "publish", &[("text", public_text)])
        .await;
    assert_eq!(done.status(), 303);
    let number = |id: i64| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT tracking_number FROM submissions WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (noise_number, published_number) = (number(noise).await, number(published).await);
    let visitor = app.another_client();
    let body = visitor
        .get("/open311/v2/requests.json?lang=en")
        .await
        .text()
        .await
        .unwrap();
    let list: Value = serde_json::from_str(&body).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&number(noise).await.as_str()), "{ids:?}");
    assert!(ids.contains(&number(published).await.as_str()), "{ids:?}");
    for hidden in [conflict, complaint, unpublished] {
        assert!(!ids.contains(&number(hidden).await.as_str()), "{ids:?}");
    }
    for secret in [
        "serik@example.kz",
        "234 56 78",
        "7012345678",
        "Akhmetov",
        "flat 14",
        "кв. 12",
        "Aigerim",
        "47.116789",
    ] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
    let request = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service_request_id"] == noise_number.as_str())
        .unwrap();
    for field in REQUEST_FIELDS {
        assert!(request.get(field).is_some(), "{field} in {request}");
    }
    assert_eq!(request["status"], "open");
    assert_eq!(request["service_code"], "request_noise");
    assert_eq!(request["lat"], 47.117);
    assert_eq!(request["long"], 51.923);
    assert!(request["description"].is_null(), "no resident's text");
    assert!(
        request["expected_datetime"]
            .as_str()
            .unwrap()
            .ends_with("+05:00")
    );
    let thanks = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service_request_id"] == published_number.as_str())
        .unwrap();
    assert_eq!(thanks["description"], public_text);

    // The list in XML: the same requests, each with the specification's fields in order.
    let listed = xml(&visitor, "/open311/v2/requests.xml?lang=en", 200).await;
    let items = xml_items(&listed, "service_requests", "request");
    assert_eq!(items.len(), ids.len());
    for item in &items {
        let names: Vec<&str> = item.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, REQUEST_FIELDS);
    }
    for secret in ["serik@example.kz", "Akhmetov", "flat 14", "47.116789"] {
        assert!(!listed.contains(secret), "{secret} leaked: {listed}");
    }

    // One request, in XML, with the specification's fields in order.
    let one = xml(
        &visitor,
        &format!("/open311/v2/requests/{}.xml", number(noise).await),
        200,
    )
    .await;
    let items = xml_items(&one, "service_requests", "request");
    assert_eq!(items.len(), 1);
    let names: Vec<&str> = items[0].iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, REQUEST_FIELDS);
    let missing = json(
        &visitor,
        &format!("/open311/v2/requests/{}.json", number(complaint).await),
        404,
    )
    .await;
    assert_error(&missing, 404);

    // Filters: status, service_code, and the window's rules.
    assert_eq!(app.act(noise, "take", &[]).await.status(), 303);
    let rejected = app
        .act(noise, "reject", &[("reason_code", "not_police_business")])
        .await;
    assert_eq!(rejected.status(), 303);
    let closed = json(
        &visitor,
        "/open311/v2/requests.json?status=closed&service_code=request_noise&lang=en",
        200,
    )
    .await;
    let closed = closed.as_array().unwrap();
    assert_eq!(closed.len(), 1, "{closed:?}");
    assert_eq!(closed[0]["status"], "closed");
    assert!(!closed[0]["status_notes"].as_str().unwrap().is_empty());
    let open = json(
        &visitor,
        "/open311/v2/requests.json?status=open&service_code=request_noise",
        200,
    )
    .await;
    assert!(open.as_array().unwrap().is_empty());
    // Several codes and statuses, comma-delimited: the rejected noise request (closed) and
    // the published thanks (open), and nothing else.
    let ids = |v: &Value| -> Vec<String> {
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["service_request_id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let mut both = vec![noise_number.clone(), published_number.clone()];
    both.sort();
    let listed = json(
        &visitor,
        "/open311/v2/requests.json?service_code=request_noise,thanks&status=open,closed",
        200,
    )
    .await;
    assert_eq!(ids(&listed), both);
    let listed = json(
        &visitor,
        "/open311/v2/requests.json?service_code=thanks,request_noise",
        200,
    )
    .await;
    assert_eq!(ids(&listed), both);
    assert_error(
        &json(
            &visitor,
            "/open311/v2/requests.json?service_code=thanks,nothing",
            400,
        )
        .await,
        400,
    );
    let far =
        "/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z";
    assert_error(&json(&visitor, far, 400).await, 400);
    assert_error(
        &json(&visitor, "/open311/v2/requests.json?status=lost", 400).await,
        400,
    );
    assert_error(
        &json(
            &visitor,
            "/open311/v2/requests.json?start_date=yesterday",
            400,
        )
        .await,
        400,
    );
    let paged = json(
        &visitor,
        "/open311/v2/requests.json?page_size=1&page=2",
        200,
    )
    .await;
    assert_eq!(paged.as_array().unwrap().len(), 1);
}
