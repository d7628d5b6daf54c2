// A typed example, compiled with `tsc --noEmit` by tests/packaging/npm.test.mjs against the
// installed package: the types must tell a caller what the report contains.
import { readFile } from 'node:fs/promises';
import { check, checkText, imageSize, type ImageSize, type Report, type Verdict } from 'ailabel';

const report: Report = await check(await readFile(process.argv[2] ?? 'photo.jpg'), { watermarks: false, verifyTime: 1795867200 });
const verdict: Verdict = report.verdict;
const trusted: boolean = report.c2pa?.state === 'Trusted';
const signer: string | null | undefined = report.c2pa?.manifests[0]?.signer?.organization;
const codes: string[] = report.c2pa?.validation.failure.map((f) => f.code) ?? [];
const families: string[] = report.signals.map((s) => `${s.family}:${s.strength}:${s.location.container}`);
const text = await checkText('This image was generated with AI.');
// Decode for watermark detection only when the declared size is within the pixel budget.
const size: ImageSize | null = await imageSize(await readFile(process.argv[2] ?? 'photo.jpg'));
const decode: boolean = size?.decode ?? false;
// Absent only when the check was given `inputSha256: false`.
const hash: string | undefined = report.input.sha256;
const declared: string = size?.width != null ? `${size.width}x${size.height}` : (size?.warning ?? 'unknown');
console.log(verdict, trusted, signer, codes, families, text.ai.kind, hash?.length, decode, declared);
