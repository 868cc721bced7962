# staffgraph gateway and simulators. `docker run -p 8000:8000 staffgraph` serves the demo.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY gateway gateway
COPY schema schema
COPY resolvers resolvers
COPY simulators simulators
RUN pip install --no-cache-dir . && useradd --create-home staffgraph
USER staffgraph

EXPOSE 8000
# The demo (gateway + simulators, GraphiQL at /graphql). Inside a container it must listen on all
# interfaces to be reachable; for production run `staffgraph serve` with STAFFGRAPH_* settings.
CMD ["staffgraph", "demo", "--host", "0.0.0.0", "--port", "8000"]
