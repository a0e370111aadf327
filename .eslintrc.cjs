/** Lint for correctness, not style (Prettier formats). */
module.exports = {
  root: true,
  parser: "@typescript-eslint/parser",
  parserOptions: { ecmaVersion: "latest", sourceType: "module", ecmaFeatures: { jsx: true } },
  env: { browser: true, node: true, es2022: true },
  plugins: ["@typescript-eslint", "react-hooks"],
  extends: ["eslint:recommended", "plugin:@typescript-eslint/recommended", "plugin:react-hooks/recommended"],
  ignorePatterns: ["node_modules", "build", "public/build", "app/generated", "tests/.artifacts", ".cache"],
  rules: {
    "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    // Raw SQL only through the tagged, parameterised forms; never with interpolated input (SECURITY.md row 34).
    "no-restricted-properties": [
      "error",
      { object: "Prisma", property: "raw", message: "Prisma.raw builds SQL from strings; use tagged templates." },
    ],
    "no-restricted-syntax": [
      "error",
      {
        selector: "CallExpression[callee.property.name=/^\\$(queryRawUnsafe|executeRawUnsafe)$/] > TemplateLiteral[expressions.length>0]",
        message: "No interpolated SQL in $queryRawUnsafe/$executeRawUnsafe.",
      },
    ],
  },
  overrides: [
    { files: ["*.cjs"], env: { node: true }, rules: { "@typescript-eslint/no-require-imports": "off" } },
  ],
};
