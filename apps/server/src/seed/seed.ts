import type { AppContext } from '../context.ts'
export async function seedDemoData(_ctx: AppContext): Promise<void> {}
