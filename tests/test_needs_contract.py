"""What the extension relies on in sphinx-needs where no API promises it.

Each test fails when sphinx-needs changes the behaviour the extension builds on, so an
upgrade shows at once what to adapt (docs/architecture.rst lists these uses).
"""

from __future__ import annotations

from conftest import html


def test_our_directives_replace_the_ones_sphinx_needs_adds_for_our_need_types(shared_build):
    """sphinx-needs adds a directive for each need type at ``config-inited`` 500; the
    extension's, added at 501, must be the one that runs (its box, not a needs box)."""
    page = html(shared_build('toezeggingen'), 'tk')
    assert 'class="kamerstuk-toezegging docutils container" id="TZ202606-012"' in page
    assert 'class="need ' not in page  # no sphinx-needs rendering of our needs


def test_needs_added_after_reading_keep_their_sections(build, tmp_path):
    """``settle_needs`` gives a need sphinx-needs' own section list, found by its private
    ``get_sections_and_signature_and_needs``; without it, sections would be empty."""
    from sphinx_kamerstuk.ext import needs

    assert needs.get_sections_and_signature_and_needs.__module__ == ('sphinx_needs.directives.need')


def test_schema_validation_runs_only_where_the_project_asks(make_app, tmp_path, monkeypatch):
    """sphinx-needs' schema validation of every need at every build is off, unless the
    project sets it in conf.py or defines schemas; when on, it runs (``process_schemas``)."""
    from sphinx_needs.schema import process

    runs = []
    original = process.validate_field_link_schemas
    monkeypatch.setattr(
        process,
        'validate_field_link_schemas',
        lambda *args, **kwargs: runs.append(1) or original(*args, **kwargs),
    )
    index = 'T\n=\n\n.. toezegging:: Een tekst.\n   :id: T01\n'
    for name, conf, validated in [
        ('default', '', False),
        ('asked', 'needs_schema_validation_enabled = True\n', True),
    ]:
        srcdir = tmp_path / name
        srcdir.mkdir()
        (srcdir / 'conf.py').write_text(
            "extensions = ['sphinx_kamerstuk']\n" + conf, encoding='utf-8'
        )
        (srcdir / 'index.rst').write_text(index, encoding='utf-8')
        runs.clear()
        app = make_app('html', srcdir=srcdir)
        app.build()
        assert app.config.needs_schema_validation_enabled is validated
        assert bool(runs) is validated
        app.cleanup()
