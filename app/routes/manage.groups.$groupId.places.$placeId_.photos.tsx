import type {
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import type { GroupAction } from "~/modules/groups/permissions";
import { requireWorkspace } from "~/modules/groups/workspace.server";
import { getGroupPlace } from "~/modules/places/commands.server";
import {
  PHOTO_ERROR_STATUS,
  PHOTO_LIMITS,
  deletePlacePhoto,
  listPlacePhotos,
  savePlacePhoto,
  thumbnailDataUrl,
  type PhotoError,
} from "~/modules/photos/photos.server";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// The photos of one 居場所: members of its group upload (multipart, works without JavaScript) and delete them.

export const headers: HeadersFunction = () => NO_STORE;

async function requirePlace(
  request: Request,
  params: LoaderFunctionArgs["params"],
  action: GroupAction = "open-workspace"
) {
  const { groupId } = await requireWorkspace(request, params, action);
  const placeId = parseIdParam(params.placeId);
  const place = await getGroupPlace(groupId, placeId);
  if (!place) notFound();
  return { groupId, placeId, place };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { groupId, placeId, place } = await requirePlace(request, params);
  const { t } = await getRequestI18n(request);
  const photos = await listPlacePhotos(placeId);
  return {
    meta: {
      title: t("photos.title", { name: place.name }),
      siteName: t("site.name"),
    },
    groupId,
    place: { id: placeId, name: place.name },
    // Thumbnails sized by attributes (the CSP blocks inline styles), inline so a draft place's photos show too.
    photos: await Promise.all(
      photos.map(async (p) => {
        const scale = Math.min(1, 192 / Math.max(p.width, p.height, 1));
        return {
          id: p.id,
          src: await thumbnailDataUrl(p.fileName),
          alt: p.alt,
          width: Math.round(p.width * scale),
          height: Math.round(p.height * scale),
        };
      })
    ),
    limits: {
      maxPerPlace: PHOTO_LIMITS.maxPerPlace,
      maxMb: PHOTO_LIMITS.maxBytes / 1024 / 1024,
      altMax: PHOTO_LIMITS.altMax,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

type Reply = { message: string; tone: "info" | "warn" };

const refuse = (error: PhotoError) =>
  data<Reply>(
    { message: error, tone: "warn" },
    { status: PHOTO_ERROR_STATUS[error], headers: NO_STORE }
  );

export async function action({ request, params }: ActionFunctionArgs) {
  // Membership is checked before the body is read: nobody else gets to make the server buffer an upload.
  const { groupId, placeId } = await requirePlace(request, params, "edit-items");
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    // The delete buttons are plain forms.
    const form = await request.formData();
    if (form.get("intent") !== "delete")
      return data<Reply>(
        { message: "photos.errors.badInput", tone: "warn" },
        { status: 400 }
      );
    const photoId = Number(form.get("photoId"));
    const ok =
      Number.isSafeInteger(photoId) &&
      photoId > 0 &&
      (await deletePlacePhoto({ groupId, placeId, photoId }));
    return data<Reply>(
      ok
        ? { message: "photos.deleted", tone: "info" }
        : { message: "photos.errors.notFound", tone: "warn" },
      { status: ok ? 200 : 404 }
    );
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: PHOTO_LIMITS.maxBytes })
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return refuse("photos.errors.tooLarge");
    return refuse("photos.errors.unreadable");
  }
  const file = form.get("photo");
  const saved = await savePlacePhoto({
    groupId,
    placeId,
    file: file instanceof File ? file : null,
    alt: form.get("alt"),
  });
  if (!saved.ok) {
    if (saved.notFound) notFound();
    return refuse(saved.error);
  }
  return data<Reply>({ message: "photos.saved", tone: "info" });
}

export const handle = { i18n: ["manage"] };

export default function PlacePhotos() {
  const { groupId, place, photos, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const full = photos.length >= limits.maxPerPlace;
  return (
    <div className="container page stack form-page">
      <p>
        <Link to={`/manage/groups/${groupId}/places/${place.id}`}>
          {t("photos.back")}
        </Link>
      </p>
      <h1>{t("photos.title", { name: place.name })}</h1>
      {result ? (
        <p
          className={`notice notice--${result.tone}`}
          role={result.tone === "warn" ? "alert" : "status"}
        >
          {t(result.message)}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="photos-list-h">
        <h2 id="photos-list-h">
          {t("photos.current", { n: photos.length, max: limits.maxPerPlace })}
        </h2>
        {photos.length === 0 ? <p>{t("photos.none")}</p> : null}
        <ul className="link-list photo-list">
          {photos.map((p) => (
            <li key={p.id} className="photo-list__item">
              {p.src ? (
                <img
                  src={p.src}
                  alt={p.alt}
                  width={p.width}
                  height={p.height}
                />
              ) : null}
              <p>{p.alt}</p>
              <Form method="post">
                <input type="hidden" name="photoId" value={p.id} />
                <button
                  type="submit"
                  name="intent"
                  value="delete"
                  className="button button--ghost"
                >
                  {t("photos.delete")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="photos-upload-h">
        <h2 id="photos-upload-h">{t("photos.upload")}</h2>
        {full ? (
          <p>{t("photos.errors.tooMany")}</p>
        ) : (
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="photo-file">{t("photos.file")}</label>
              <input
                id="photo-file"
                type="file"
                name="photo"
                accept="image/jpeg,image/png,image/webp"
                required
                aria-describedby="photo-file-hint"
              />
              <p id="photo-file-hint" className="field__hint">
                {t("photos.fileHint", { mb: limits.maxMb })}
              </p>
            </div>
            <div className="field">
              <label htmlFor="photo-alt">{t("photos.alt")}</label>
              <input
                id="photo-alt"
                type="text"
                name="alt"
                required
                maxLength={limits.altMax}
                aria-describedby="photo-alt-hint"
              />
              <p id="photo-alt-hint" className="field__hint">
                {t("photos.altHint", { max: limits.altMax })}
              </p>
            </div>
            <div className="filters__actions">
              <button type="submit" className="button">
                {t("photos.submit")}
              </button>
            </div>
          </Form>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
