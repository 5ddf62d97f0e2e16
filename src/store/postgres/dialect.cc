// SQLite SQL → PostgreSQL SQL (dialect.h). A small tokenizer, then rewrites token by token: never inside a
// string literal, a quoted identifier or a comment.
#include "store/postgres/dialect.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace jiceng::store::postgres {
namespace {

enum class Kind { kWord, kNumber, kString, kQuoted, kParam, kSpace, kComment, kPunct };

struct Token {
  Kind kind;
  std::string text;
};

bool WordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool WordChar(char c) { return WordStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> out;
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    size_t j = i + 1;
    Kind kind = Kind::kPunct;
    if (std::isspace(static_cast<unsigned char>(c))) {
      while (j < n && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
      kind = Kind::kSpace;
    } else if (c == '-' && j < n && sql[j] == '-') {
      while (j < n && sql[j] != '\n') ++j;
      kind = Kind::kComment;
    } else if (c == '/' && j < n && sql[j] == '*') {
      const size_t end = sql.find("*/", j + 1);
      j = end == std::string_view::npos ? n : end + 2;
      kind = Kind::kComment;
    } else if (c == '\'' || c == '"') {
      // '' (or "") inside doubles the quote.
      while (j < n) {
        if (sql[j] == c) {
          if (j + 1 < n && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          ++j;
          break;
        }
        ++j;
      }
      kind = c == '\'' ? Kind::kString : Kind::kQuoted;
    } else if (c == '?') {
      while (j < n && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      kind = Kind::kParam;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (j < n && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '.')) ++j;
      kind = Kind::kNumber;
    } else if (WordStart(c)) {
      while (j < n && WordChar(sql[j])) ++j;
      kind = Kind::kWord;
    } else if ((c == '|' || c == '<' || c == '>' || c == '!' || c == '=') && j < n &&
               (sql[j] == '|' || sql[j] == '=' || sql[j] == '>')) {
      ++j;
    }
    out.push_back({kind, std::string(sql.substr(i, j - i))});
    i = j;
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

bool Is(const Token& t, std::string_view upper_word) { return t.kind == Kind::kWord && Upper(t.text) == upper_word; }

// The index of the next token that is not space or comment, at or after `i` (tokens.size() when none).
size_t NextSolid(const std::vector<Token>& t, size_t i) {
  while (i < t.size() && (t[i].kind == Kind::kSpace || t[i].kind == Kind::kComment)) ++i;
  return i;
}

std::string Join(const std::vector<Token>& t, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to && i < t.size(); ++i) s += t[i].text;
  return s;
}

std::string Trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  while (!s.empty() && s.back() == ';') {
    s.pop_back();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  }
  return s;
}

[[noreturn]] void Unsupported(const std::string& what, std::string_view sql) {
  throw std::invalid_argument("SQL not portable to PostgreSQL (" + what + "): " + std::string(sql.substr(0, 160)));
}

// Rewrites one statement's tokens (no trigger).
std::string Rewrite(const std::vector<Token>& t, std::string_view sql) {
  std::string out;
  int next_param = 0;
  bool insert_or_ignore = false;
  bool in_create_table = false;
  const size_t first = NextSolid(t, 0);
  if (first < t.size() && (Is(t[first], "CREATE") || Is(t[first], "ALTER"))) {
    const size_t second = NextSolid(t, first + 1);
    in_create_table = second < t.size() && Is(t[second], "TABLE");
  }
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& tok = t[i];
    if (tok.kind == Kind::kParam) {
      int index = tok.text.size() > 1 ? std::stoi(tok.text.substr(1)) : next_param + 1;
      next_param = std::max(next_param, index);
      out += "$" + std::to_string(index);
      continue;
    }
    if (tok.kind != Kind::kWord) {
      out += tok.text;
      continue;
    }
    const std::string word = Upper(tok.text);
    const size_t next = NextSolid(t, i + 1);
    const bool call = next < t.size() && t[next].text == "(";
    if (word == "INSERT") {
      const size_t k = next;
      if (k < t.size() && Is(t[k], "OR")) {
        const size_t what = NextSolid(t, k + 1);
        if (what < t.size() && Is(t[what], "IGNORE")) {
          insert_or_ignore = true;
          out += "INSERT";
          i = what;
          continue;
        }
        Unsupported("INSERT OR " + (what < t.size() ? t[what].text : std::string()) +
                        "; write INSERT … ON CONFLICT (…) DO UPDATE",
                    sql);
      }
      out += tok.text;
    } else if (word == "RETURNING") {
      if (insert_or_ignore) {
        out += "ON CONFLICT DO NOTHING ";
        insert_or_ignore = false;
      }
      out += tok.text;
    } else if (word == "INTEGER") {
      // `id INTEGER PRIMARY KEY` (a single-column key) is SQLite's rowid alias: an identity column.
      const size_t k1 = NextSolid(t, i + 1);
      const size_t k2 = k1 < t.size() ? NextSolid(t, k1 + 1) : t.size();
      if (in_create_table && k2 < t.size() && Is(t[k1], "PRIMARY") && Is(t[k2], "KEY")) {
        out += "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        i = k2;
      } else {
        out += "BIGINT";
      }
    } else if (word == "BLOB") {
      out += "BYTEA";
    } else if (word == "REAL") {
      out += "DOUBLE PRECISION";
    } else if (word == "AUTOINCREMENT") {
      // an identity column never reuses a value either
    } else if (word == "WITHOUT") {
      const size_t k = NextSolid(t, i + 1);
      if (k < t.size() && Is(t[k], "ROWID")) {
        i = k;
      } else {
        out += tok.text;
      }
    } else if (word == "ROWID" || word == "_ROWID_" || word == "OID") {
      Unsupported("rowid; name the table's INTEGER PRIMARY KEY column", sql);
    } else if (word == "GLOB") {
      Unsupported("GLOB; use LIKE or substr", sql);
    } else if (call && word == "INSTR") {
      out += "strpos";
    } else if (call && word == "IFNULL") {
      out += "COALESCE";
    } else if (call && word == "JULIANDAY") {
      out += "jiceng_julianday";
    } else if (call && word == "DATE") {
      out += "jiceng_date";
    } else if (call && word == "GROUP_CONCAT") {
      out += "string_agg";  // group_concat(x, separator) only: PostgreSQL's string_agg has no default separator
    } else if (call && word == "JSON_EACH") {
      out += "jiceng_json_each";
    } else if (word == "IN" && next < t.size() && t[next].kind == Kind::kWord && !Is(t[next], "SELECT") &&
               (NextSolid(t, next + 1) >= t.size() || t[NextSolid(t, next + 1)].text != "(")) {
      // SQLite's `x IN cte` (a table's name): PostgreSQL wants a subquery.
      out += tok.text + " (SELECT * FROM " + t[next].text + ")";
      i = next;
    } else if (word == "TEMP" && i + 1 < t.size() && t[i + 1].text == ".") {
      out += "pg_temp";  // SQLite's schema of the connection's temporary tables
    } else {
      out += tok.text;
    }
  }
  std::string result = Trim(out);
  if (insert_or_ignore) result += " ON CONFLICT DO NOTHING";
  return result;
}

// CREATE TRIGGER [IF NOT EXISTS] name {BEFORE|AFTER} {INSERT|DELETE|UPDATE [OF cols]} ON table [FOR EACH ROW]
// [WHEN expr] BEGIN stmt; … END
std::string TriggerToPostgres(const std::vector<Token>& t, std::string_view sql) {
  size_t i = NextSolid(t, NextSolid(t, 0) + 1);  // after CREATE
  i = NextSolid(t, i + 1);                          // after TRIGGER
  if (i < t.size() && Is(t[i], "IF")) i = NextSolid(t, NextSolid(t, NextSolid(t, i + 1) + 1) + 1);
  if (i >= t.size()) Unsupported("trigger without a name", sql);
  const std::string name = t[i].text;
  i = NextSolid(t, i + 1);
  std::string timing = Upper(t.at(i).text);
  if (timing == "INSTEAD") Unsupported("INSTEAD OF trigger", sql);
  if (timing != "BEFORE" && timing != "AFTER") {
    timing = "AFTER";  // SQLite's default when neither is given
  } else {
    i = NextSolid(t, i + 1);
  }
  // The event, up to ON (keeps UPDATE OF a, b).
  std::string event_text;
  for (; i < t.size() && !Is(t[i], "ON"); ++i) event_text += t[i].text;
  i = NextSolid(t, i + 1);
  const std::string table = t.at(i).text;
  i = NextSolid(t, i + 1);
  if (i < t.size() && Is(t[i], "FOR")) {  // FOR EACH ROW
    i = NextSolid(t, NextSolid(t, NextSolid(t, i + 1) + 1) + 1);
  }
  std::string when;
  if (i < t.size() && Is(t[i], "WHEN")) {
    size_t j = i + 1;
    while (j < t.size() && !Is(t[j], "BEGIN")) ++j;
    when = Rewrite(std::vector<Token>(t.begin() + static_cast<long>(i) + 1, t.begin() + static_cast<long>(j)), sql);
    i = j;
  }
  if (i >= t.size() || !Is(t[i], "BEGIN")) Unsupported("trigger without BEGIN … END", sql);
  size_t end = t.size();
  while (end > i && !Is(t[end - 1], "END")) --end;
  if (end <= i + 1) Unsupported("trigger without END", sql);
  std::string body;
  const std::vector<Token> inner(t.begin() + static_cast<long>(i) + 1, t.begin() + static_cast<long>(end) - 1);
  for (const std::string& statement : SplitStatements(Join(inner, 0, inner.size()))) {
    const std::vector<Token> st = Tokenize(statement);
    const size_t s0 = NextSolid(st, 0);
    if (s0 >= st.size()) continue;
    const size_t s1 = NextSolid(st, s0 + 1);
    if (Is(st[s0], "SELECT") && s1 < st.size() && Is(st[s1], "RAISE")) {
      // SELECT RAISE(ABORT, 'message') → RAISE EXCEPTION 'message'
      std::string message;
      for (const Token& tok : st) {
        if (tok.kind == Kind::kString) message = tok.text;
      }
      body += "  RAISE EXCEPTION " + message + ";\n";
    } else if (Is(st[s0], "SELECT")) {
      body += "  PERFORM " + Rewrite(std::vector<Token>(st.begin() + static_cast<long>(s0) + 1, st.end()), sql) + ";\n";
    } else {
      body += "  " + Rewrite(st, sql) + ";\n";
    }
  }
  const std::string function = name + "_fn";
  std::string fn = "CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $jiceng$\nBEGIN\n";
  if (!when.empty()) fn += "IF (" + when + ") THEN\n";
  fn += body;
  if (!when.empty()) fn += "END IF;\n";
  // A BEFORE trigger that returns NULL would skip the row; one that raised never gets here.
  fn += timing == "BEFORE" ? "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\nRETURN NEW;\n" : "RETURN NULL;\n";
  fn += "END $jiceng$;\n";
  fn += "CREATE TRIGGER " + name + " " + timing + " " + Trim(event_text) + " ON " + table +
        " FOR EACH ROW EXECUTE FUNCTION " + function + "()";
  return fn;
}

}  // namespace

std::vector<std::string> SplitStatements(std::string_view script) {
  const std::vector<Token> t = Tokenize(script);
  std::vector<std::string> out;
  std::string current;
  int depth = 0;          // inside a trigger's BEGIN … END
  bool trigger = false;   // the statement is a CREATE TRIGGER
  bool statement_start = true;
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& tok = t[i];
    if (tok.kind == Kind::kWord) {
      if (statement_start) {
        trigger = false;
        if (Is(tok, "CREATE")) {
          size_t k = NextSolid(t, i + 1);
          if (k < t.size() && (Is(t[k], "TEMP") || Is(t[k], "TEMPORARY"))) k = NextSolid(t, k + 1);
          trigger = k < t.size() && Is(t[k], "TRIGGER");
        }
      }
      statement_start = false;
      if (trigger && Is(tok, "BEGIN")) ++depth;
      if (trigger && Is(tok, "CASE")) ++depth;
      if (trigger && Is(tok, "END") && depth > 0) --depth;
    } else if (tok.kind != Kind::kSpace && tok.kind != Kind::kComment) {
      statement_start = false;
    }
    if (tok.text == ";" && depth == 0) {
      const std::string s = Trim(current);
      if (!s.empty()) out.push_back(s);
      current.clear();
      statement_start = true;
      continue;
    }
    current += tok.text;
  }
  const std::string s = Trim(current);
  if (!s.empty()) out.push_back(s);
  return out;
}

std::string ToPostgres(std::string_view sql) {
  const std::vector<Token> t = Tokenize(sql);
  const size_t first = NextSolid(t, 0);
  if (first >= t.size()) return "";
  if (Is(t[first], "PRAGMA")) return "";
  if (Is(t[first], "BEGIN")) {
    const size_t k = NextSolid(t, first + 1);
    if (k >= t.size() || Is(t[k], "DEFERRED") || Is(t[k], "TRANSACTION")) return "BEGIN ISOLATION LEVEL REPEATABLE READ";
  }
  if (Is(t[first], "CREATE")) {
    size_t k = NextSolid(t, first + 1);
    if (k < t.size() && (Is(t[k], "TEMP") || Is(t[k], "TEMPORARY"))) k = NextSolid(t, k + 1);
    if (k < t.size() && Is(t[k], "TRIGGER")) return TriggerToPostgres(t, sql);
  }
  return Rewrite(t, sql);
}

int ParameterCount(std::string_view postgres_sql) {
  int highest = 0;
  // $N is tokenized as '$' then a number.
  const std::vector<Token> t = Tokenize(postgres_sql);
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].kind == Kind::kPunct && t[i].text == "$" && t[i + 1].kind == Kind::kNumber) {
      highest = std::max(highest, std::stoi(t[i + 1].text));
    }
  }
  return highest;
}

std::vector<bool> ParametersUsed(std::string_view postgres_sql) {
  std::vector<bool> used(static_cast<size_t>(ParameterCount(postgres_sql)), false);
  const std::vector<Token> t = Tokenize(postgres_sql);
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].kind == Kind::kPunct && t[i].text == "$" && t[i + 1].kind == Kind::kNumber) {
      used[static_cast<size_t>(std::stoi(t[i + 1].text)) - 1] = true;
    }
  }
  return used;
}

std::string DroppedTrigger(std::string_view sql) {
  const std::vector<Token> t = Tokenize(sql);
  size_t i = NextSolid(t, 0);
  if (i >= t.size() || !Is(t[i], "DROP")) return "";
  i = NextSolid(t, i + 1);
  if (i >= t.size() || !Is(t[i], "TRIGGER")) return "";
  i = NextSolid(t, i + 1);
  if (i < t.size() && Is(t[i], "IF")) i = NextSolid(t, NextSolid(t, i + 1) + 1);
  return i < t.size() ? t[i].text : "";
}

std::string InsertTable(std::string_view postgres_sql) {
  const std::vector<Token> t = Tokenize(postgres_sql);
  size_t i = NextSolid(t, 0);
  if (i >= t.size() || !Is(t[i], "INSERT")) return "";
  for (const Token& tok : t) {
    if (Is(tok, "RETURNING")) return "";
  }
  i = NextSolid(t, i + 1);
  if (i >= t.size() || !Is(t[i], "INTO")) return "";
  i = NextSolid(t, i + 1);
  if (i >= t.size()) return "";
  std::string table = t[i].text;
  if (t[i].kind == Kind::kQuoted) table = table.substr(1, table.size() - 2);
  return table;
}

}  // namespace jiceng::store::postgres
