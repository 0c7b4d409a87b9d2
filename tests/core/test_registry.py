from intranet.registry import Panel, Registry


def test_registry_orders_and_skips_empty_panels():
    registry = Registry()
    registry.register(Panel(key="b", title="B", template="b.html", provider=lambda r: {"x": 2}, order=20))
    registry.register(Panel(key="a", title="A", template="a.html", provider=lambda r: {"x": 1}, order=10))
    registry.register(Panel(key="c", title="C", template="c.html", provider=lambda r: None, order=5))
    rendered = registry.render_context(object())
    assert [item["panel"].key for item in rendered] == ["a", "b"]
    assert rendered[0]["x"] == 1


def test_registering_twice_replaces():
    registry = Registry()
    registry.register(Panel(key="a", title="A", template="a.html", provider=lambda r: {"v": 1}))
    registry.register(Panel(key="a", title="A", template="a.html", provider=lambda r: {"v": 2}))
    assert [item["v"] for item in registry.render_context(None)] == [2]
