"""geo.messages.Msg: a message is its English text and keeps its catalog template and parameters, so it
is translated where it is shown while the data values in it stay exactly as given."""

from __future__ import annotations

import copy
import pickle

from geo.i18n import translate
from geo.messages import Msg, as_msg, joined
from geo.problems import Problem, feature_place, row_place


def test_a_msg_is_its_english_text_and_keeps_template_and_parameters():
    m = Msg("{value} is not a whole number", value="'x'")
    assert m == "'x' is not a whole number" and isinstance(m, str)
    assert m.template == "{value} is not a whole number" and m.params == {"value": "'x'"}
    assert Msg("file is empty") == "file is empty" and Msg("file is empty").params == {}


def test_pickled_and_copied_with_template_and_parameters():
    m = Msg("row {line} ({id}) column {column}", line=5, id="ev-1", column="date")
    for other in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m)):
        assert other == m and other.template == m.template and other.params == m.params
    p = Problem("events.csv", m, Msg("{value} is in the future", value="2999-01-01"))
    assert pickle.loads(pickle.dumps(p)).message.template == "{value} is in the future"


def test_translated_with_the_data_untouched():
    _ = translate("ko")
    hostile = "<b>{0}</b> is not one of: x"  # data that looks like markup, a format field and an English message
    m = Msg("{value} is not one of: {allowed}", value=hostile, allowed="a, b")
    assert _.msg(m) == f"{hostile}: 허용된 값이 아닙니다. 가능한 값: a, b"
    assert translate("en").msg(m) == str(m)
    place = row_place(7, "ev-1", "kind")
    assert (
        _.msg(place) == "7행 (ev-1) kind 열"
        and _.msg(feature_place(3, "dandong-sinuiju", "geometry")) == "피처 3 (dandong-sinuiju) geometry"
    )


def test_nested_messages_are_translated_too():
    hint = Msg("a date written YYYY-MM-DD")
    m = Msg("{value} is not {hint}", value="'2023/01/01'", hint=hint)
    assert m == "'2023/01/01' is not a date written YYYY-MM-DD"
    assert translate("ko").msg(m) == "'2023/01/01': 형식이 맞지 않습니다. 필요한 형식: YYYY-MM-DD로 쓴 날짜"
    both = joined(
        [Msg("a zero-width character (U+{code:04X})", code=0x200B), Msg("a control character (U+{code:04X})", code=7)]
    )
    assert both == "a zero-width character (U+200B), a control character (U+0007)"
    assert translate("ko").msg(both) == "폭 없는 문자(U+200B), 제어 문자(U+0007)"


def test_plain_text_becomes_a_parameter_shown_as_given():
    m = as_msg("jsonschema's own words")
    assert m.template == "{text}" and translate("ko").msg(m) == "jsonschema's own words"
    assert Problem("a.csv", "file", "plain").message.template == "{text}"  # a str given to Problem is kept as data


def test_a_problem_in_korean_names_file_place_and_tags_warnings():
    _ = translate("ko")
    warning = Problem(
        "data/sources.csv",
        row_place(3, "hrw-2023", "url"),
        Msg("no address (url or archive_url): readers cannot check this source"),
        "warning",
    )
    assert (
        _.problem(warning) == "data/sources.csv:3행 (hrw-2023) url 열: 경고: 주소(url 또는 archive_url)가 없습니다. "
        "독자가 이 출처를 확인할 수 없습니다"
    )
    assert translate("en").problem(warning) == str(warning)


def test_a_too_long_message_cuts_its_data_not_its_wording():
    p = Problem("a.csv", "file", Msg("{value} is not a whole number", value="9" * 5000))
    assert p.message.template == "{value} is not a whole number" and len(p.message) < 200
    assert translate("ko").msg(p.message).endswith(": 정수가 아닙니다")
