"""The JSON API of ``papershelf serve`` (stable: the pages and tests use it).

``GET /api/papers`` lists papers; ``GET /api/papers/{id}`` gives one with an
``ETag``; ``PUT`` writes the fields its JSON body names (``If-Match`` required:
a stale one gives 409 with what the file holds now, invalid fields 422 with the
findings); ``POST /api/papers`` adds; ``DELETE`` deletes.  Text, note and cover
have their own ``PUT`` under the paper.  Every call of the editor runs in a
worker thread: it reads and writes files.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from papershelf.core.errors import PapershelfError
from papershelf.edit import editor as editing
from papershelf.edit.covers import MAX_COVER_BYTES
from papershelf.edit.editor import Editor, Loaded, Saved
from papershelf.edit.fields import paper_json
from papershelf.edit.suggestions import form
from papershelf.ingest.add import AddOptions
from papershelf.ingest.clients.http import NetworkError
from papershelf.library.layout import paper_id_of
from papershelf.serve.browse_data import BrowseData
from papershelf.serve.watch import Watcher
from papershelf.site.notes import note_html

MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # a PDF
FILE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
              "webp": "image/webp"}  # fmt: skip


class BadRequest(PapershelfError):
    pass


class TooLarge(PapershelfError):
    pass


STATUS = (  # the editor's refusals and their HTTP status
    (editing.BadId, 400),
    (editing.UnknownPaper, 404),
    (editing.Conflict, 409),
    (editing.Invalid, 422),
    (editing.PreconditionRequired, 428),
    (TooLarge, 413),
    (NetworkError, 502),
)


def error_response(exc: PapershelfError) -> JSONResponse:
    status = next((code for kind, code in STATUS if isinstance(exc, kind)), 400)
    body: dict = {"error": str(exc)}
    if isinstance(exc, editing.Invalid):
        body["findings"] = [asdict(f) for f in exc.findings]
        body["problems"] = [p.as_dict() for p in exc.problems]
    if isinstance(exc, editing.Conflict):
        body["current"] = loaded_json(exc.current)
    headers = {"ETag": exc.current.etag} if isinstance(exc, editing.Conflict) else None
    return JSONResponse(body, status, headers=headers)


def loaded_json(loaded: Loaded) -> dict:
    found = paper_json(loaded.paper) if loaded.paper else {"id": loaded.paper_id, "file": loaded.source}
    found["etag"] = loaded.etag
    found["text"] = loaded.text
    found["note"] = {"path": loaded.note.path, "text": loaded.note.text, "etag": loaded.note.etag,
                     "exists": loaded.note.exists}  # fmt: skip
    found["error"] = asdict(loaded.error) if loaded.error else None
    found["cover_file"] = loaded.cover_file
    return found


def saved_json(saved: Saved) -> dict:
    found = loaded_json(saved.loaded) if saved.loaded else {}
    found["saved"] = {
        "written": saved.written,
        "warnings": [asdict(f) for f in saved.findings],
        "views": saved.views,
        "views_problem": saved.views_problem,
        "commit": saved.commit,
        "commit_problem": saved.commit_problem,
    }
    return found


async def _json_body(request: Request) -> object:
    data = await request.body()
    if len(data) > MAX_JSON_BYTES:
        raise BadRequest(f"the body is larger than {MAX_JSON_BYTES // 2**20} MB")
    try:
        return json.loads(data or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("the body is not JSON") from None


async def _bytes_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the upload is larger than {limit // 2**20} MB")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"the upload is larger than {limit // 2**20} MB")
        chunks.append(chunk)
    return b"".join(chunks)


class Api:
    def __init__(self, editor: Editor, watcher: Watcher):
        self.editor = editor
        self.watcher = watcher
        self.browse = BrowseData()

    def routes(self) -> list[Route]:
        return [
            Route("/api/papers", self.list_papers, methods=["GET"]),
            Route("/api/papers", self.add_paper, methods=["POST"]),
            Route("/api/papers/{paper_id}", self.get_paper, methods=["GET"]),
            Route("/api/papers/{paper_id}", self.put_paper, methods=["PUT"]),
            Route("/api/papers/{paper_id}", self.delete_paper, methods=["DELETE"]),
            Route("/api/papers/{paper_id}/text", self.put_text, methods=["PUT"]),
            Route("/api/papers/{paper_id}/note", self.put_note, methods=["PUT"]),
            Route("/api/papers/{paper_id}/cover", self.put_cover, methods=["PUT"]),
            Route("/api/form", self.get_form, methods=["GET"]),
            Route("/api/preview", self.preview, methods=["POST"]),
            Route("/api/changes", self.changes, methods=["GET"]),
            Route("/api/files/{path:path}", self.get_file, methods=["GET"]),
            Route("/api/site/{name:path}", self.site_data, methods=["GET"]),
        ]

    async def _call(self, function, *args, status: int = 200, etag: bool = True):
        try:
            found = await run_in_threadpool(function, *args)
        except PapershelfError as exc:
            return error_response(exc)
        if isinstance(found, Response):
            return found
        if isinstance(found, Saved):
            self.watcher.look()  # the browse data and other tabs see the save at once
            body = saved_json(found)
        elif isinstance(found, Loaded):
            body = loaded_json(found)
        else:
            body = found
        headers = {"ETag": body["etag"]} if etag and isinstance(body, dict) and body.get("etag") else None
        return JSONResponse(body, status, headers=headers)

    async def list_papers(self, request: Request):
        def listed():
            library = self.editor.library()
            found = [paper_json(p) for p in library.papers]
            for error in library.errors:
                found.append(
                    {
                        "id": paper_id_of(error.path),
                        "file": error.path,
                        "error": f"{error.line}:{error.column}: {error.message}",
                    }
                )
            return sorted(found, key=lambda p: p["file"])

        return await self._call(listed)

    async def get_paper(self, request: Request):
        return await self._call(self.editor.load, request.path_params["paper_id"])

    async def put_paper(self, request: Request):
        try:
            change = await _json_body(request)
        except PapershelfError as exc:
            return error_response(exc)
        paper_id, if_match = request.path_params["paper_id"], request.headers.get("if-match")
        return await self._call(self.editor.save_fields, paper_id, change, if_match)

    async def _put(self, request: Request, save, limit: int = MAX_JSON_BYTES, as_text: bool = True):
        """A PUT whose body is the new text (or bytes) of one part of a paper."""
        try:
            data = await _bytes_body(request, limit)
            body = _text_of(data, request.headers.get("content-type", "")) if as_text else data
        except PapershelfError as exc:
            return error_response(exc)
        return await self._call(save, request.path_params["paper_id"], body, request.headers.get("if-match"))

    async def put_text(self, request: Request):
        return await self._put(request, self.editor.save_text)

    async def put_note(self, request: Request):
        return await self._put(request, self.editor.save_note)

    async def put_cover(self, request: Request):
        return await self._put(request, self.editor.set_cover, MAX_COVER_BYTES, as_text=False)

    async def delete_paper(self, request: Request):
        paper_id, if_match = request.path_params["paper_id"], request.headers.get("if-match")
        return await self._call(self.editor.delete, paper_id, if_match, etag=False)

    async def add_paper(self, request: Request):
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if kind == "application/pdf":  # an uploaded PDF, the options in the query
                upload = (".pdf", await _bytes_body(request, MAX_UPLOAD_BYTES))
                asked = {k: (request.query_params.getlist(k) if k in _LISTS else v)
                         for k, v in request.query_params.items()}  # fmt: skip
                asked["force"] = request.query_params.get("force") in ("1", "true")
            else:
                asked, upload = await _json_body(request), None
                if not isinstance(asked, dict):
                    raise BadRequest("the body must be a JSON object")
                if asked.get("bibtex"):
                    upload = (".bib", str(asked["bibtex"]).encode("utf-8"))
            source, options = _add_options(asked)
        except (PapershelfError, ValueError) as exc:
            return error_response(exc if isinstance(exc, PapershelfError) else BadRequest(str(exc)))
        return await self._call(self._added, source, options, upload, etag=False)

    def _added(self, source, options, upload):
        added = self.editor.add(source, options, upload)
        self.watcher.look()
        result = added.result
        body = {
            "added": [paper_json(p.paper) for p in result.added],
            "duplicates": [
                {
                    "title": d.draft.title,
                    "reason": d.reason,
                    "existing": {"id": d.existing.id, "file": d.existing.source, "title": d.existing.title},
                }  # fmt: skip
                for d in result.duplicates
            ],
            "skipped": result.skipped,
            "warnings": result.warnings,
            "saved": saved_json(added.saved)["saved"],
        }
        status = 201 if result.added else 409 if result.duplicates else 422
        return JSONResponse(body, status)

    async def get_form(self, request: Request):
        return await self._call(lambda: form(self.editor.library()))

    async def preview(self, request: Request):
        """The note's HTML as the site shows it (its images from ``/api/files/``)."""
        try:
            asked = await _json_body(request)
            if not isinstance(asked, dict) or not isinstance(asked.get("text"), str):
                raise BadRequest('send {"text": "...", "id": "paper id"}')
        except PapershelfError as exc:
            return error_response(exc)

        def rendered():
            note_path = ""
            if asked.get("id"):
                note_path = self.editor.load(str(asked["id"])).note.path
            return {"html": note_html(asked["text"], note_path, "api/files/")[0]}

        return await self._call(rendered)

    async def changes(self, request: Request):
        return JSONResponse({"version": self.watcher.version})

    async def get_file(self, request: Request):
        """An image under notes/ (a note's figure, a cover), for the preview and the form."""

        def found():
            path = request.path_params["path"]
            extension = path.rpartition(".")[2].lower()
            base = (self.editor.root / "notes").resolve()
            target = (self.editor.root / path).resolve() if "\x00" not in path else None
            if extension not in FILE_TYPES or target is None or not target.is_relative_to(base):
                raise editing.UnknownPaper("only the images under notes/ are served")
            if not target.is_file():
                raise editing.UnknownPaper(f"no file {path}")
            return Response(target.read_bytes(), media_type=FILE_TYPES[extension])

        return await self._call(found)

    async def site_data(self, request: Request):
        name = request.path_params["name"]
        data = await run_in_threadpool(self.browse.get, self.watcher.version, name, self.editor.library)
        if data is None:
            return JSONResponse({"error": f"no {name}"}, 404)
        return Response(data, media_type="application/json")


_LISTS = ("keywords", "institutions", "authors")


def _text_of(data: bytes, content_type: str) -> str:
    """A text body: plain text, or JSON ``{"text": ...}``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the body is not UTF-8 text") from None
    if content_type.split(";")[0].strip().lower() == "application/json":
        try:
            value = json.loads(text)
        except ValueError:
            raise BadRequest("the body is not JSON") from None
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise BadRequest('send {"text": "..."} or the text itself as text/plain')
        return value["text"]
    return text


def _add_options(asked: dict) -> tuple[str | None, AddOptions]:
    """The SOURCE and the `AddOptions` of an add request."""

    def texts(name: str) -> tuple[str, ...]:
        value = asked.get(name) or ()
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise BadRequest(f"{name} must be a list of texts")
        return tuple(v.strip() for v in value if v.strip())

    def text(name: str) -> str | None:
        value = asked.get(name)
        if value is not None and not isinstance(value, str):
            raise BadRequest(f"{name} must be text")
        return value.strip() or None if value else None

    year = asked.get("year")
    if year not in (None, ""):
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise BadRequest("year must be a whole number") from None
        if not 1 <= year <= 9999:
            raise BadRequest("year must be from 1 to 9999")
    options = AddOptions(
        abbr=text("abbr"),
        keywords=texts("keywords"),
        venue=text("venue"),
        year=year or None,
        institutions=texts("institutions"),
        title=text("title"),
        url=text("url"),
        authors=texts("authors"),
        code=text("code"),
        force=bool(asked.get("force")),
    )
    return text("source"), options
