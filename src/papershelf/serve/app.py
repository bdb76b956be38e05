"""The web app of ``papershelf serve``: three pages (browse, edit, add), their assets and the API,
behind the `security.Guard`.  `create_app` is what tests call; `run` serves it with uvicorn."""

from __future__ import annotations

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from papershelf.edit.editor import Editor
from papershelf.serve.api import MAX_UPLOAD_BYTES, Api
from papershelf.serve.security import LOOPBACK_NAMES, Guard, Secret
from papershelf.serve.watch import Watcher

PAGES = {"/": "browse.html.j2", "/edit": "edit.html.j2", "/add": "add.html.j2"}


class Pages:
    def __init__(self, editor: Editor, secret: Secret):
        self.editor = editor
        self.secret = secret
        own, site = (jinja2.PackageLoader(f"papershelf.{name}", "templates") for name in ("serve", "site"))
        loader = jinja2.ChoiceLoader([own, site])  # the site's search box, shared
        self.environment = jinja2.Environment(
            loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
        )

    async def page(self, request: Request) -> HTMLResponse:
        library = self.editor.library()
        template = self.environment.get_template(PAGES[request.url.path])
        html = template.render(
            site_title=library.config.title or self.editor.root.resolve().name,
            csrf=self.secret.csrf,
            papers=len(library.papers),
            git=self.editor.git,
        )
        return HTMLResponse(html)


def create_app(editor: Editor, secret: Secret, hosts: tuple[str, ...] = LOOPBACK_NAMES, watcher=None) -> Starlette:
    """The app over ``editor``; ``watcher`` (started by the caller) notices changes on disk."""
    watcher = watcher or Watcher(editor.root)
    pages = Pages(editor, secret)
    routes = [
        *(Route(path, pages.page, methods=["GET"]) for path in PAGES),
        *Api(editor, watcher).routes(),
        Mount("/assets/site", StaticFiles(packages=[("papershelf.site", "assets")])),
        Mount("/assets/editor", StaticFiles(packages=[("papershelf.serve", "assets")])),
    ]
    middleware = [Middleware(Guard, secret=secret, hosts=hosts)]
    return Starlette(routes=routes, middleware=middleware, max_body_size=MAX_UPLOAD_BYTES + 1024)
