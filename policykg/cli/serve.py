"""``serve``: the read-only SPARQL endpoint over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from policykg.cli.app import DEFAULT_STORE, StoreOption, app, err, fail
from policykg.errors import PolicyKGError


@app.command()
def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback is warned about.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped (504).")]
    = 10.0,
    max_rows: Annotated[int, typer.Option(help="Rows returned at most; a cut answer has the header "
                                                "X-PolicyKG-Truncated: true.")] = 100_000,
    cors: Annotated[list[str] | None, typer.Option(
        help="Origin allowed to query from a browser (repeat the option, or '*' for any). Off by default.")]
    = None,
    workers: Annotated[int, typer.Option(min=1, help="Query worker processes (for a store directory).")] = 4,
    per_client: Annotated[int, typer.Option(
        min=1, help="Queries of one client address that run at once; its others wait their turn, so a "
                    "client sending runaway queries cannot hold every worker.")] = 1,
    allowed_host: Annotated[list[str] | None, typer.Option(
        help="Host name clients may use besides the bound address (repeat the option). Requests naming "
             "another host get 403: a page elsewhere cannot reach a loopback endpoint by DNS rebinding.")]
    = None,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql, and the graph page at /.

    Updates and SERVICE are refused; results in SPARQL JSON, XML, CSV or TSV by the Accept header.
    Queries wait their turn for a worker (503 with Retry-After when too many wait); every answer
    names the store generation it came from, and SIGHUP makes the server take up a newer build.

    Example:  policykg serve   then   curl -G --data-urlencode 'query=ASK {?s ?p ?o}' http://127.0.0.1:7878/sparql
    """
    from policykg.graph.endpoint import serve as run_endpoint

    try:
        run_endpoint(store, host, port, timeout=timeout, max_rows=max_rows, cors_origins=cors or (),
                     allowed_hosts=allowed_host or (), workers=workers, per_client=per_client,
                     say=lambda line: err.print(line, highlight=False, soft_wrap=True))
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
