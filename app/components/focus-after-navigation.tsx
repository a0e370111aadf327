import { useEffect, useRef } from "react";
import { useLocation, useNavigation } from "@remix-run/react";

/**
 * Where keyboard and screen-reader users land after the client router changes the page (WCAG 2.4.3 focus order,
 * 3.3.1 error identification). Without this, focus stays on the link or button just used, which may no longer exist
 * (or a disabled submit button drops it to <body>), and nothing tells a screen reader that the page changed.
 *
 * After every navigation or form submission (a new location):
 * 1. a form answered with errors: focus its first invalid field (conform already does this for errors it finds in
 *    the browser; this covers those only the server finds);
 * 2. another page: focus its main heading, which screen readers read out, without scrolling (scroll restoration
 *    decides that);
 * 3. the same page answered with a message (role="alert", e.g. "wrong email or password"): focus the message;
 * 4. the same page with other filters: leave focus where it is.
 * Without JavaScript every page is a full load and the browser starts from the top, with the skip link first.
 */
export function useFocusAfterNavigation() {
  const location = useLocation();
  const navigation = useNavigation();
  const busy = useRef(false);
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    // A submission answered without a redirect keeps its location, so the signal is the router settling: the
    // new page (or the form with its errors) renders in the same update that makes it idle.
    if (navigation.state !== "idle") {
      busy.current = true;
      return;
    }
    if (!busy.current) return; // the first render (the browser's own page load), or nothing happened
    busy.current = false;
    const before = shownPath.current;
    shownPath.current = location.pathname;
    // Forms (conform) show a server's answer in the render after this one: look once it is on screen.
    const timer = window.setTimeout(() => {
      const main = document.getElementById("main");
      if (!main) return;
      const active = document.activeElement;
      const invalid = main.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (invalid) {
        if (!(active instanceof HTMLElement && active.getAttribute("aria-invalid") === "true")) invalid.focus();
        return;
      }
      if (before !== location.pathname) {
        focusWithoutTabStop(main.querySelector<HTMLElement>("h1") ?? main);
        return;
      }
      const alert = main.querySelector<HTMLElement>('[role="alert"]');
      if (alert) focusWithoutTabStop(alert);
    }, 50);
    return () => window.clearTimeout(timer);
  }, [navigation.state, location.pathname]);
}

function focusWithoutTabStop(element: HTMLElement) {
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
}
