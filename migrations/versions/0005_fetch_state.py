"""fetch state for URLs, feeds and the watcher

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 04:00:00

`web_pages` is one article page by its normalized canonical URL with the validators of its
last fetch (ETag, Last-Modified); `web_page_urls` every URL that led to it, so a feed entry
under any of them is never fetched twice; `article_versions` which page each fetched
article came from and which version it replaced (a changed page is a new article, never an
overwrite); `web_sources` the followed feeds, sitemaps and home pages with their polling
state, shared by every watcher on the database. New tables only: nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("feed", "sitemap", "page")


def upgrade() -> None:
    op.create_table(
        "web_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_web_pages_article_id_articles"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_pages")),
        sa.UniqueConstraint("url", name=op.f("uq_web_pages_url")),
    )
    with op.batch_alter_table("web_pages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_pages_article_id"), ["article_id"], unique=False)
    op.create_table(
        "web_page_urls",
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["web_pages.id"],
            name=op.f("fk_web_page_urls_page_id_web_pages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_web_page_urls")),
    )
    with op.batch_alter_table("web_page_urls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_page_urls_page_id"), ["page_id"], unique=False)
    op.create_table(
        "article_versions",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("previous_article_id", sa.Integer(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_versions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["web_pages.id"],
            name=op.f("fk_article_versions_page_id_web_pages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_article_id"],
            ["articles.id"],
            name=op.f("fk_article_versions_previous_article_id_articles"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_versions")),
    )
    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_versions_page_id"), ["page_id"], unique=False
        )
    op.create_table(
        "web_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("feed_url", sa.String(length=2048), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("ok_at", sa.DateTime(), nullable=True),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in KINDS) + ")",
            name=op.f("ck_web_sources_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sources")),
        sa.UniqueConstraint("url", name=op.f("uq_web_sources_url")),
    )


def downgrade() -> None:
    op.drop_table("web_sources")
    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_versions_page_id"))
    op.drop_table("article_versions")
    with op.batch_alter_table("web_page_urls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_page_urls_page_id"))
    op.drop_table("web_page_urls")
    with op.batch_alter_table("web_pages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_pages_article_id"))
    op.drop_table("web_pages")
