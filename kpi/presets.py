"""Presets for well-known exports: each is recognised from its header and says which dataset
and platform the table is, and which raw column is which field where synonyms would guess wrong.

A preset lists raw column names as the export writes them; matching folds case, accents and
punctuation. Columns a preset does not name still go through the synonyms.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Preset:
    """A known export layout."""

    id: str
    label: str
    dataset: str
    platform: str | None
    signature: tuple[str, ...]  # header names that together identify the export
    columns: dict[str, str | None] = field(default_factory=dict)  # raw name → field (None: ignore)
    min_share: float = 0.7  # share of the signature that must be present
    constants: dict[str, str] = field(default_factory=dict)  # fields the export implies (dimension)


PRESETS: tuple[Preset, ...] = (
    Preset(
        "meta_business_suite_posts",
        "Meta Business Suite — Facebook posts",
        "posts",
        "facebook",
        ("Post ID", "Page ID", "Page name", "Publish time", "Permalink", "Post type", "Reactions", "Comments", "Shares"),
        {
            "Post ID": "post_id", "Publish time": "published_at", "Permalink": "url", "Post type": "post_type",
            "Description": "text", "Title": None, "Date": None, "Views": "impressions", "Reach": "reach",
            "Reactions": "likes", "Comments": "comments", "Shares": "shares", "Total clicks": "clicks",
            "3-second video views": "video_views", "Negative feedback from users": "negative_feedback",
        },
    ),
    Preset(
        "x_tweet_activity",
        "X / Twitter — tweet activity (classic analytics)",
        "posts",
        "x",
        ("Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements", "retweets", "replies", "likes"),
        {
            "Tweet id": "post_id", "Tweet permalink": "url", "Tweet text": "text", "time": "published_at",
            "impressions": "impressions", "retweets": "shares", "replies": "comments", "likes": "likes",
            "user profile clicks": "profile_visits", "url clicks": "clicks", "follows": "follows",
            "media views": "video_views",
        },
    ),
)  # fmt: skip
