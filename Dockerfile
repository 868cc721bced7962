# syntax=docker/dockerfile:1
# staffgraph gateway (and simulators, for demos). Build: docker build -t staffgraph .
#   docker run -p 8000:8000 -e STAFFGRAPH_... staffgraph                      the gateway (staffgraph serve)
#   docker run -p 8000:8000 staffgraph staffgraph demo --host 0.0.0.0        the demo (simulators + gateway)
#   docker run --env-file prod.env staffgraph staffgraph check-config        check the settings first
# No credential is baked in: every setting comes from STAFFGRAPH_* variables (or *_FILE secrets) at run time.

# ---- builder: the project and every dependency as wheels ----
FROM python:3.11-slim AS builder
ENV PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY gateway gateway
COPY schema schema
COPY resolvers resolvers
COPY simulators simulators
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

# ---- runtime: slim Python, the wheels installed, no build tools, not root ----
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it (deploy/kubernetes/deployment.yaml).
RUN groupadd --system --gid 10001 staffgraph \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin staffgraph
# The wheels are mounted from the builder, not copied: no layer of the image keeps them.
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels staffgraph
WORKDIR /tmp
USER 10001:10001

EXPOSE 8000
# Liveness only (the process answers HTTP); readiness, which probes the upstreams, is /readyz.
# Python's urllib: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
# Inside a container the gateway must listen on all interfaces to be reachable through the port mapping.
CMD ["staffgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
