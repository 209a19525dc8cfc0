# Mawjaz worker image: slim, non-root, runs `mawjaz run`.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY mawjaz ./mawjaz
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 mawjaz
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER mawjaz
WORKDIR /home/mawjaz
ENV PYTHONUNBUFFERED=1
EXPOSE 3000
# 3000: Slack's events and, with MAWJAZ_WEB_PORT=3000, the story pages (one server; docker-compose.yml sets both)
HEALTHCHECK --interval=60s --timeout=10s CMD ["mawjaz", "status", "--json"]
ENTRYPOINT ["mawjaz"]
CMD ["run"]
