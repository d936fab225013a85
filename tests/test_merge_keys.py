from playbook.yamlload import load_text

TEXT = """\
playbook: t
priorities:
  P1: {title: A}
x-contact: &person {kind: person, on_call: true}
contacts:
  a:
    <<: *person
    name: A
    on_call: false
"""


def test_merged_values_arrive_and_explicit_ones_win():
    loaded = load_text("p.yaml", TEXT)
    contact = loaded.data["contacts"]["a"]
    assert contact["kind"] == "person" and contact["on_call"] is False and contact["name"] == "A"
    assert loaded.findings == []


def test_explicit_key_given_twice_next_to_a_merge_is_still_a_duplicate():
    loaded = load_text("p.yaml", TEXT + "    name: B\n")
    assert [(f.code, f.location.line) for f in loaded.findings] == [("PB002", 10)]
