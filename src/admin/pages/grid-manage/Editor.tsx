import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Grid } from '../../../../types'
import { useAction } from '../../../hooks/useAction'
import { call, CallError } from '../../../services/call'
import { showError, showSuccess } from '../../../utils/toast'
import { draftOf, localErrors, patchOf, type Draft } from '../../utils/gridDraft'
import { BaseSection, OnlineSection, ProjectSection, type Errors, type SetDraft } from './Sections'

/** The error keys (client and server paths) each draft field answers for. */
const ERROR_KEYS: Record<keyof Draft, (key: string) => boolean> = {
  address: (k) => k === 'base' || k === 'base.address',
  lat: (k) => k === 'base.lat',
  lng: (k) => k === 'base.lng',
  radiusM: (k) => k === 'base.radiusM',
  requireLocation: (k) => k === 'requireLocation',
  online: (k) => k === 'online' || k.startsWith('online.'),
  projectName: (k) => k === 'project' || k === 'project.name',
  projectSummary: (k) => k === 'project.summary',
}

/** The errors left once the fields in `change` changed (a field's message goes as soon as it is edited). */
export function errorsAfter(errors: Errors, change: Partial<Draft>): Errors {
  const changed = Object.keys(change) as (keyof Draft)[]
  const kept = Object.entries(errors).filter(([key]) => !changed.some((field) => ERROR_KEYS[field]?.(key)))
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept)
}

/** 四个一: the form, saved in one tap; the server's field errors land on their fields. */
export function Editor({ grid, onSaved }: { grid: Grid; onSaved: (grid: Grid) => void }) {
  const [draft, setDraft] = useState(() => draftOf(grid))
  const [errors, setErrors] = useState<Errors>({})
  const [saving, run] = useAction()
  useEffect(() => setDraft(draftOf(grid)), [grid])
  const set: SetDraft = (change) => {
    setDraft((d) => ({ ...d, ...change }))
    setErrors((e) => errorsAfter(e, change))
  }

  const save = () =>
    run(async () => {
      const local = localErrors(draft)
      setErrors(local)
      if (Object.keys(local).length) return showError('请先改正标红的内容')
      try {
        const saved = await call('grids.update', patchOf(grid.id, draft))
        showSuccess('已保存')
        onSaved(saved)
      } catch (err) {
        if (!(err instanceof CallError && err.fields)) throw err
        setErrors(err.fields)
        showError('请先改正标红的内容')
      }
    })

  return (
    <>
      <View className='section-title'>四个一</View>
      <BaseSection draft={draft} set={set} errors={errors} />
      <OnlineSection draft={draft} set={set} errors={errors} />
      <ProjectSection draft={draft} set={set} errors={errors} />
      <Button className='manage-save' type='primary' block loading={saving} onClick={() => void save()}>
        保存四个一
      </Button>
    </>
  )
}
