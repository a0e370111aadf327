import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export type MapPoint = {
  id: number;
  name: string;
  lat: number;
  lng: number;
  href: string;
  /** Stigma-sensitive places: drawn as a wide circle over their area, never as a pin. */
  areaOnly: boolean;
};

export type MapConfig = { tileUrl: string; attribution: string } | null;

/**
 * A map of the listed items, drawn in the browser with Leaflet (loaded only here, on demand). It is an extra:
 * without JavaScript, or when tiles cannot load, the list beside it holds everything, so nothing renders
 * on the server and the list stays the page's main content.
 */
export function ListingMap({ pointsUrl, config, hasItems }: { pointsUrl: string; config: MapConfig; hasItems: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = useState(false);
  const [tilesFailed, setTilesFailed] = useState(false);
  useEffect(() => setMounted(true), []);

  useEffect(() => {
    if (!mounted || !config || !ref.current || !hasItems) return;
    let cancelled = false;
    let map: import("leaflet").Map | undefined;
    void Promise.all([import("leaflet"), fetch(pointsUrl).then((r) => (r.ok ? (r.json() as Promise<MapPoint[]>) : []))]).then(([mod, points]) => {
      const L = (mod as unknown as { default?: typeof import("leaflet") }).default ?? mod;
      if (cancelled || !ref.current) return;
      map = L.map(ref.current, { scrollWheelZoom: false, attributionControl: true });
      // Leaflet fires "load" once every visible tile has finished, failed ones included. If none of them arrived
      // (the tile server is unreachable or refuses us), an empty grey box tells nobody anything: say so instead.
      let tilesLoaded = 0;
      let tilesMissing = 0;
      L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 18 })
        .on("tileload", () => tilesLoaded++)
        .on("tileerror", () => tilesMissing++)
        .on("load", () => {
          if (!cancelled && tilesLoaded === 0 && tilesMissing > 0) setTilesFailed(true);
        })
        .addTo(map);
      const bounds: [number, number][] = [];
      for (const p of points) {
        const link = document.createElement("a");
        link.href = p.href;
        link.textContent = p.name;
        const shape = p.areaOnly
          ? L.circle([p.lat, p.lng], { radius: 450, color: "#9a3412", weight: 1, fillOpacity: 0.12 })
          : L.circleMarker([p.lat, p.lng], { radius: 9, color: "#ffffff", weight: 2, fillColor: "#c2410c", fillOpacity: 1 });
        shape.bindPopup(link).addTo(map);
        bounds.push([p.lat, p.lng]);
      }
      if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [mounted, config, pointsUrl, hasItems]);

  if (!mounted || !config || !hasItems) return null;
  return (
    <div className="map-panel">
      <h2 id="map-h" className="map-panel__title">
        {t("map.title")}
      </h2>
      {tilesFailed ? (
        <p className="notice notice--info" role="status">
          {t("map.unavailable")}
        </p>
      ) : null}
      <div ref={ref} className="map" role="region" aria-label={t("map.title")} hidden={tilesFailed} />
      {tilesFailed ? null : <p className="field__hint">{t("map.note")}</p>}
    </div>
  );
}
