//! "Klopt er iets niet?": a resident reports an error in the information about a
//! service, and the report is stored for the editors. Works without JavaScript and
//! without an account; the e-mail address is asked only for an answer.

use crate::page::{PageContext, same_origin};
use crate::view::{CheckedReport, Chrome, ReportForm, ReportFormPage, ReportProblem, ReportThanksPage, service_href};
use crate::{AppError, AppState, Locale};
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use wegwijs_domain::Service;
use wegwijs_mail::{Mail, MailContent};
use wegwijs_store::{NewErrorReport, PageLanguage};

/// Largest form body accepted: a 2000-character message is at most 8 KB as UTF-8 (4
/// bytes a character at most), and percent-encoding triples bytes outside ASCII: 24 KB,
/// plus the other fields. More is not a resident typing.
const BODY_LIMIT: usize = 32 * 1024;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/diensten/{id}/fout-melden",
            get(show_report_form).post(create_report).layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .route("/diensten/{id}/fout-melden/bedankt", get(show_report_thanks))
}

/// `GET /diensten/{id}/fout-melden`: the empty form.
async fn show_report_form(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let service = find(&state, &raw_id).await?;
    Ok(Html(render_form(&ctx, &service, &ReportForm::default(), &[])?))
}

/// `POST /diensten/{id}/fout-melden`: stores the report and sends the resident on to the
/// thank-you page (303, so reloading it posts nothing twice), or shows the form again
/// with what is wrong (422).
async fn create_report(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    mut ctx: PageContext,
    headers: HeaderMap,
    form: Result<Form<ReportForm>, FormRejection>,
) -> Result<Response, AppError> {
    if !same_origin(&headers, &state.config) {
        return Ok(StatusCode::FORBIDDEN.into_response());
    }
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => return Ok(rejection.into_response()),
        Err(rejection) => return Err(AppError::BadRequest(rejection.body_text())),
    };
    if form.lang == "en" {
        ctx.locale = Locale::En;
    }
    let service = find(&state, &raw_id).await?;
    let thanks = Redirect::to(&ctx.locale.href(&format!("/diensten/{}/fout-melden/bedankt", service.id)));
    if form.is_robot() {
        // Answered as a success, so the robot learns nothing.
        tracing::info!(service = %service.id, "error report with a filled honeypot ignored");
        return Ok(thanks.into_response());
    }
    match CheckedReport::try_from(&form) {
        Ok(checked) => {
            let report = NewErrorReport {
                service_id: service.id.clone(),
                organisation_id: service.organisation_id.clone(),
                message: checked.message,
                reporter_email: checked.email,
                page_language: match ctx.locale {
                    Locale::Nl => PageLanguage::Nl,
                    Locale::En => PageLanguage::En,
                },
            };
            let stored = state.store.add_error_report(&report).await?;
            tracing::info!(report = %stored.id, service = %service.id, "error report stored");
            tell_providers(&state, state.config.link_origin(), &service, &stored.message).await;
            Ok(thanks.into_response())
        }
        Err(problems) => {
            let body = render_form(&ctx, &service, &form, &problems)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response())
        }
    }
}

/// Mails the providers of the service's organisation, so they can correct it
/// themselves. In Dutch, as their language is not known; without the resident's
/// address, which was given for an answer from the editors only. A failure is logged:
/// the report is stored and the editors see it anyway.
async fn tell_providers(state: &AppState, origin: &str, service: &Service, message: &str) {
    let providers = match state.store.users_of_organisation(&service.organisation_id).await {
        Ok(providers) => providers,
        Err(error) => {
            tracing::error!(%error, service = %service.id, "cannot find the providers to tell about an error report");
            return;
        }
    };
    for provider in providers {
        let mail = Mail {
            to: provider.email.to_string(),
            to_name: Some(provider.name.clone()),
            reply_to: None,
            language: Locale::Nl.mail_language(),
            content: MailContent::ErrorReportForProvider {
                service: service.name.to_string(),
                message: message.to_owned(),
                link: format!("{origin}/portaal"),
            },
        };
        state.send_mail(&mail).await;
    }
}

/// `GET /diensten/{id}/fout-melden/bedankt`
async fn show_report_thanks(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let service = find(&state, &raw_id).await?;
    let chrome = Chrome::new(&ctx, locale.t("report.thanks_title"), locale.t("report.thanks_text"), &[]).noindex();
    let href = service_href(locale, service.id.as_str(), service.name.as_str());
    let page = ReportThanksPage::new(chrome, service.name.as_str(), href);
    Ok(Html(askama::Template::render(&page)?))
}

/// The service a report is about. A malformed id cannot name a service, so it is
/// "not found" rather than an error.
async fn find(state: &AppState, raw_id: &str) -> Result<Service, AppError> {
    crate::routes::public_service(state, raw_id, &wegwijs_domain::Viewer::Public).await
}

/// The form for `service`, with what was typed and what is wrong with it. With errors
/// the title starts with "Niet verstuurd:", so screen reader users hear it first.
fn render_form(
    ctx: &PageContext,
    service: &Service,
    form: &ReportForm,
    problems: &[ReportProblem],
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let name = service.name.as_str();
    let mut title = locale.tf("report.title", &[("name", &name)]);
    if !problems.is_empty() {
        title = locale.tf("report.title_with_errors", &[("title", &title)]);
    }
    let chrome = Chrome::new(ctx, title, locale.t("report.intro"), &[]).noindex();
    let page = ReportFormPage::new(
        chrome,
        name.to_owned(),
        service_href(locale, service.id.as_str(), name),
        locale.href(&format!("/diensten/{}/fout-melden", service.id)),
        form,
        problems,
    );
    Ok(askama::Template::render(&page)?)
}
