"""A lesson's link in the school's LMS opens that lesson: a Jupyter server extension.

The hub sends a learner who clicked a lesson's link to ``/user/<her>/qualkit/lesson/<lesson>``
(deploy/tljh/qualkit_lti.py). In her own server, as her, this fetches the lesson from the
course's exchange if she has not fetched it yet (nbgrader's own Assignment List does the
fetching, exactly as its Fetch button does) and opens its notebook in JupyterLab. A lesson not
released yet gets a page saying so, with a way on to JupyterLab. Nothing she has is replaced:
a lesson she fetched before opens as she left it.

Switched on in the students' servers by the hub's Jupyter settings (the TLJH plugin; postBuild
for an image): ``{"ServerApp": {"jpserver_extensions": {"qualkit.lesson_link": true}}}``.
"""

from __future__ import annotations

import html
import re

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

__all__ = ["LessonLinkHandler"]

LESSON = r"(?P<lesson>[0-9]{2}-[a-z0-9-]+)"


def _lesson_entries(listing: dict, lesson: str) -> list[dict]:
    if not listing.get("success"):
        raise web.HTTPError(500, f"the course's exchange cannot be read: {listing.get('value')}")
    return [a for a in listing["value"] if a["assignment_id"] == lesson]


class LessonLinkHandler(JupyterHandler):
    """GET /qualkit/lesson/<lesson>: fetch it if needed, then open it."""

    @web.authenticated
    def get(self, lesson: str) -> None:
        manager = self.settings.get("assignment_list_manager")
        if manager is None:
            raise web.HTTPError(500, "nbgrader's Assignment List is not on in this server")
        entries = _lesson_entries(manager.list_released_assignments(), lesson)
        fetched = [a for a in entries if a["status"] == "fetched"]
        if not fetched:
            released = [a for a in entries if a["status"] == "released"]
            if not released:
                return self._not_released(lesson)
            result = manager.fetch_assignment(released[0]["course_id"], lesson)
            if not result.get("success"):
                self.log.error(
                    "qualkit lesson link: fetching %s failed: %s", lesson, result.get("value")
                )
                raise web.HTTPError(
                    500,
                    f"Lesson {lesson} could not be fetched: ask your "
                    "instructor (the server's log has the details).",
                )
            fetched = [
                a
                for a in _lesson_entries(manager.list_released_assignments(), lesson)
                if a["status"] == "fetched"
            ]
        notebook = f"{fetched[0]['path']}/{lesson}.ipynb"
        self.redirect(url_path_join(self.base_url, "lab", "tree", notebook))

    def _not_released(self, lesson: str) -> None:
        lab = url_path_join(self.base_url, "lab")
        self.set_status(404)
        self.finish(
            "<!doctype html><html><head><title>Lesson not released yet</title></head><body>"
            f"<h1>Lesson {html.escape(lesson)} is not released yet</h1>"
            "<p>Your instructor releases each lesson from Formgrader; come back to this link "
            f'once it is. Meanwhile your other lessons are in <a href="{lab}">JupyterLab</a> '
            "(Nbgrader, then Assignment List).</p></body></html>"
        )


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "qualkit.lesson_link"}]


def _load_jupyter_server_extension(serverapp) -> None:
    web_app = serverapp.web_app
    pattern = url_path_join(web_app.settings["base_url"], "qualkit", "lesson", LESSON)
    web_app.add_handlers(".*$", [(re.sub(r"/+", "/", pattern), LessonLinkHandler)])
