//! Every text the learner reads has the same `{name}` placeholders in English and in Chinese
//! (`Text::fill` fills them by name: one missing in a language would show "{n}" to its readers).
//! The texts are found as Rust parses the source: every `Text::new(en, zh)` and `Text { en, zh }`.

use convlab::i18n::placeholders;
mod source_tree;

use syn::visit::Visit;

#[derive(Default)]
struct Texts {
    found: Vec<(String, String)>,
}

fn literal(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

fn ends_with(path: &syn::Path, names: &[&str]) -> bool {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    segs.len() >= names.len() && segs[segs.len() - names.len()..] == *names
}

impl<'a> Visit<'a> for Texts {
    fn visit_expr_call(&mut self, call: &'a syn::ExprCall) {
        if let syn::Expr::Path(p) = &*call.func {
            if ends_with(&p.path, &["Text", "new"]) && call.args.len() == 2 {
                if let (Some(en), Some(zh)) = (literal(&call.args[0]), literal(&call.args[1])) {
                    self.found.push((en, zh));
                }
            }
        }
        syn::visit::visit_expr_call(self, call);
    }
    fn visit_expr_struct(&mut self, s: &'a syn::ExprStruct) {
        if ends_with(&s.path, &["Text"]) {
            let field = |name: &str| {
                s.fields.iter().find_map(|f| match &f.member {
                    syn::Member::Named(i) if i == name => literal(&f.expr),
                    _ => None,
                })
            };
            if let (Some(en), Some(zh)) = (field("en"), field("zh")) {
                self.found.push((en, zh));
            }
        }
        syn::visit::visit_expr_struct(self, s);
    }
}

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v
}

#[test]
fn every_text_has_the_same_placeholders_in_both_languages() {
    let mut texts = Texts::default();
    for f in &source_tree::rust_sources() {
        let source = std::fs::read_to_string(f).expect("a readable source file");
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        texts.visit_file(&file);
    }
    // The i18n modules hold some four hundred texts: far fewer means the search went blind.
    assert!(
        texts.found.len() > 400,
        "only {} texts found",
        texts.found.len()
    );
    let differ: Vec<String> = texts
        .found
        .iter()
        .filter(|(en, zh)| sorted(placeholders(en)) != sorted(placeholders(zh)))
        .map(|(en, zh)| {
            format!(
                "{en:?} {:?} / {zh:?} {:?}",
                placeholders(en),
                placeholders(zh)
            )
        })
        .collect();
    assert!(
        differ.is_empty(),
        "placeholders differ:\n{}",
        differ.join("\n")
    );
}

#[test]
fn placeholders_are_the_named_braces() {
    assert_eq!(placeholders("{n} of {total}, {n} again"), ["n", "total"]);
    assert_eq!(
        placeholders("no {} or { spaced } names"),
        Vec::<&str>::new()
    );
    assert_eq!(
        convlab::i18n::fill("{a}+{b}={a}{b}", &[("a", &1), ("b", &"x")]),
        "1+x=1x"
    );
}
