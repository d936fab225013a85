"""Names built from many ids stay valid file names."""

from __future__ import annotations


def test_help_desk_file_names_stay_short_and_distinct_for_many_channels():
    from targets.shared.helpdesk import MAX_SLUG, slug

    joined = "-".join(f"chat-emea-{i:04d}" for i in range(400))
    assert len(slug(joined)) == MAX_SLUG and slug(joined) != slug(joined + "-x")
    assert slug("Email EMEA") == "email-emea"
