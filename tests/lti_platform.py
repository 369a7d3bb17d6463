"""A local LTI 1.3 platform on loopback, written for the tests: an LMS in miniature.

It holds its own RSA key and serves its key set (JWKS); starts a launch as an LMS does (an
auto-submitting form to the tool's OIDC login initiation), answers the tool's authentication
request with a signed id token posted back to the tool; offers the names-and-roles service
(NRPS) and the grade service (AGS) behind OAuth2 client credentials, checking the tool's
signed client assertion against the tool's public key set; and records every line item and
score the tool posts. ``mint`` signs an id token with any claims or key, for the bad launches.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
LEARNER, INSTRUCTOR = f"{ROLE}Learner", f"{ROLE}Instructor"
TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
INSTITUTION_INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"
SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
)


@dataclass(frozen=True)
class Person:
    sub: str  # the LMS's opaque user id
    given_name: str
    family_name: str
    roles: tuple[str, ...]
    email: str = ""


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key, kid: str) -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


@dataclass
class Platform:
    """Course ``context_id`` with ``people``; the tool registered as ``client_id``."""

    client_id: str = "qualkit-tool-1"
    deployment_id: str = "deployment-1"
    context_id: str = "course-nurs-701"
    context_title: str = "NURS 701 Qualitative Methods"
    people: dict = field(default_factory=dict)
    tool_login_url: str = ""  # the tool's OIDC login initiation (set once the tool is up)
    tool_redirect_urls: tuple = ()
    tool_jwks_url: str = ""  # where the platform fetches the tool's public key set
    tool_jwks: dict | None = None  # or the set itself, pasted in as an LMS also allows
    nrps: bool = True
    key: object = field(default_factory=new_key)
    kid: str = "platform-key-1"
    lineitems: list = field(default_factory=list)  # what the tool created
    scores: list = field(default_factory=list)  # (lineitem id, score) the tool posted
    tokens: dict = field(default_factory=dict)  # access token -> scopes
    url: str = ""

    # --- serving -------------------------------------------------------------------------

    def start(self) -> Platform:
        handler = type("Handler", (_Handler,), {"platform": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def issuer(self) -> str:
        return self.url

    @property
    def endpoints(self) -> dict:
        """What the LMS shows an admin when the tool is registered."""
        return {
            "issuer": self.issuer,
            "client_id": self.client_id,
            "deployment_id": self.deployment_id,
            "authorize_url": f"{self.url}/auth",
            "jwks_url": f"{self.url}/jwks",
            "token_url": f"{self.url}/token",
        }

    # --- launches --------------------------------------------------------------------------

    def launch_url(self, sub: str, lesson: str | None = None, context: str | None = None) -> str:
        """The link a person clicks in the course (a page that starts the OIDC login)."""
        query = {"sub": sub, **({"lesson": lesson} if lesson else {})}
        return (
            f"{self.url}/launch?{urlencode({**query, **({'context': context} if context else {})})}"
        )

    def claims(
        self, sub: str, nonce: str, lesson: str | None = None, context: str | None = None
    ) -> dict:
        person = self.people[sub]
        context = context or self.context_id
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "azp": self.client_id,
            "sub": sub,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "name": f"{person.given_name} {person.family_name}",
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": person.email,
            f"{LTI}message_type": "LtiResourceLinkRequest",
            f"{LTI}version": "1.3.0",
            f"{LTI}deployment_id": self.deployment_id,
            f"{LTI}target_link_uri": self.tool_redirect_urls[0] if self.tool_redirect_urls else "",
            f"{LTI}resource_link": {"id": f"link-{lesson or 'course'}", "title": lesson or ""},
            f"{LTI}roles": list(person.roles),
            f"{LTI}context": {"id": context, "label": "NURS 701", "title": self.context_title},
            f"{LTI}custom": {"lesson": lesson} if lesson else {},
            AGS_CLAIM: {
                "scope": list(SCOPES[:3]),
                "lineitems": f"{self.url}/ags/{context}/lineitems",
            },
        }
        if self.nrps:
            claims[NRPS_CLAIM] = {
                "context_memberships_url": f"{self.url}/nrps/{context}",
                "service_versions": ["2.0"],
            }
        return claims

    def mint(self, claims: dict, key=None, kid: str | None = None, alg: str = "RS256") -> str:
        """An id token signed with the platform's key, or with ``key``/``kid`` given."""
        return jwt.encode(claims, key or self.key, algorithm=alg, headers={"kid": kid or self.kid})

    # --- the tool's client credentials -----------------------------------------------------

    def grant(self, form: dict) -> tuple[int, dict]:
        assertion = form.get("client_assertion", "")
        try:
            if self.tool_jwks is None:
                with urllib.request.urlopen(self.tool_jwks_url, timeout=10) as response:
                    keys = jwt.PyJWKSet.from_dict(json.loads(response.read()))
            else:
                keys = jwt.PyJWKSet.from_dict(self.tool_jwks)
            kid = jwt.get_unverified_header(assertion).get("kid")
            key = next(k for k in keys.keys if k.key_id == kid or kid is None)
            claims = jwt.decode(
                assertion,
                key.key,
                algorithms=["RS256"],
                audience=f"{self.url}/token",
                issuer=self.client_id,
            )
        except (StopIteration, jwt.PyJWTError, OSError) as error:
            return 401, {"error": "invalid_client", "error_description": str(error)}
        if claims.get("sub") != self.client_id:
            return 401, {"error": "invalid_client"}
        scopes = [s for s in form.get("scope", "").split() if s in SCOPES]
        token = secrets.token_urlsafe(16)
        self.tokens[token] = scopes
        return 200, {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": " ".join(scopes),
        }

    def members(self, context: str) -> dict:
        people = self.people.values() if context == self.context_id else []
        members = [
            {
                "status": "Active",
                "user_id": p.sub,
                "name": f"{p.given_name} {p.family_name}",
                "given_name": p.given_name,
                "family_name": p.family_name,
                "email": p.email,
                "roles": list(p.roles),
            }
            for p in people
        ]
        return {
            "id": f"{self.url}/nrps/{context}",
            "members": members,
            "context": {"id": context, "title": self.context_title},
        }


class _Handler(BaseHTTPRequestHandler):
    platform: Platform

    def log_message(self, *args) -> None:  # quiet: the tests read what was recorded
        pass

    def _send(self, status: int, body, content_type: str = "application/json") -> None:
        data = (json.dumps(body) if not isinstance(body, str) else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _form_page(self, action: str, fields: dict) -> None:
        inputs = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(str(v))}">'
            for k, v in fields.items()
        )
        self._send(
            200,
            f'<html><body><form id="f" method="post" action="{html.escape(action)}">'
            f'{inputs}</form><script>document.getElementById("f").submit()</script>'
            "</body></html>",
            "text/html",
        )

    def _scopes(self) -> list:
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        return self.platform.tokens.get(token, [])

    def do_GET(self) -> None:
        p, url = self.platform, urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/jwks":
            return self._send(200, {"keys": [public_jwk(p.key, p.kid)]})
        if url.path == "/launch":  # the person clicks the course link
            hint = json.dumps({"lesson": query.get("lesson"), "context": query.get("context")})
            return self._form_page(
                p.tool_login_url,
                {
                    "iss": p.issuer,
                    "login_hint": query["sub"],
                    "lti_message_hint": hint,
                    "target_link_uri": p.tool_redirect_urls[0],
                    "client_id": p.client_id,
                    "lti_deployment_id": p.deployment_id,
                },
            )
        if url.path == "/auth":  # the tool's authentication request: answer with an id token
            if query.get("client_id") != p.client_id:
                return self._send(400, {"error": "unknown client_id"})
            if query.get("redirect_uri") not in p.tool_redirect_urls:
                return self._send(400, {"error": f"redirect_uri {query.get('redirect_uri')}"})
            hint = json.loads(query.get("lti_message_hint") or "{}")
            claims = p.claims(
                query["login_hint"], query["nonce"], hint.get("lesson"), hint.get("context")
            )
            return self._form_page(
                query["redirect_uri"], {"id_token": p.mint(claims), "state": query["state"]}
            )
        if url.path.startswith("/nrps/"):
            if SCOPES[3] not in self._scopes():
                return self._send(403, {"error": "scope"})
            return self._send(200, p.members(url.path.rsplit("/", 1)[1]))
        if url.path.endswith("/lineitems"):
            if SCOPES[0] not in self._scopes():
                return self._send(403, {"error": "scope"})
            items = [i for i in p.lineitems if all(i.get(k) == v for k, v in query.items())]
            return self._send(200, items)
        self._send(404, {"error": url.path})

    def do_POST(self) -> None:
        p, url = self.platform, urlparse(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        if url.path == "/token":
            return self._send(*p.grant({k: v[0] for k, v in parse_qs(body).items()}))
        if url.path.endswith("/lineitems"):
            if SCOPES[0] not in self._scopes():
                return self._send(403, {"error": "scope"})
            item = {**json.loads(body), "id": f"{p.url}{url.path}/{len(p.lineitems) + 1}"}
            p.lineitems.append(item)
            return self._send(201, item)
        if url.path.endswith("/scores"):
            if SCOPES[1] not in self._scopes():
                return self._send(403, {"error": "scope"})
            if self.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                return self._send(415, {"error": "content type"})
            p.scores.append((f"{p.url}{url.path.removesuffix('/scores')}", json.loads(body)))
            return self._send(200, {})
        self._send(404, {"error": url.path})
