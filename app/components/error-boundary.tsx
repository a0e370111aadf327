import { isRouteErrorResponse, useRouteError, type ErrorResponse } from "@remix-run/react";
import { useTranslation } from "react-i18next";

// The one error boundary (the Epic Stack's GeneralErrorBoundary). A route that can answer 403/404 exports
//   export function ErrorBoundary() { return <GeneralErrorBoundary />; }
// so the error renders inside the site's layout (header, footer, language) that root.tsx already drew; root.tsx uses
// it too, for errors above every route. Each status can have its own handler; the rest get a default. Unexpected
// errors never show their message: it may hold internals.

type StatusHandler = (info: { error: ErrorResponse }) => React.ReactNode;

const FORBIDDEN_PLACEHOLDER = "Forbidden";

function ErrorMessage({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <div className="container page-error">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a className="button" href="/">
          {t("error.backHome")}
        </a>
      </p>
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <ErrorMessage title={t("error.notFoundTitle")} body={t("error.notFoundBody")} />;
}

/** A 403 may carry its reason, already translated (why a suspended group's workspace is read-only). */
function Forbidden({ error }: { error: ErrorResponse }) {
  const { t } = useTranslation();
  const reason = typeof error.data === "string" && error.data && error.data !== FORBIDDEN_PLACEHOLDER ? error.data : null;
  return <ErrorMessage title={t("error.forbiddenTitle")} body={reason ?? t("error.forbiddenBody")} />;
}

function SomethingWentWrong() {
  const { t } = useTranslation();
  return <ErrorMessage title={t("error.title")} body={t("error.body")} />;
}

const STATUS_HANDLERS: Record<number, StatusHandler> = {
  403: ({ error }) => <Forbidden error={error} />,
  404: () => <NotFound />,
};

export function GeneralErrorBoundary({
  statusHandlers,
  defaultStatusHandler = () => <SomethingWentWrong />,
  unexpectedErrorHandler = () => <SomethingWentWrong />,
}: {
  statusHandlers?: Record<number, StatusHandler>;
  defaultStatusHandler?: StatusHandler;
  unexpectedErrorHandler?: (error: unknown) => React.ReactNode;
}) {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) return <>{unexpectedErrorHandler(error)}</>;
  const handler = statusHandlers?.[error.status] ?? STATUS_HANDLERS[error.status] ?? defaultStatusHandler;
  return <>{handler({ error })}</>;
}
